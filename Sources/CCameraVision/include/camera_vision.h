#ifndef LANDWATCH_CAMERA_VISION_H
#define LANDWATCH_CAMERA_VISION_H

/* The C interface of LandWatch's OpenCV 4.6 shim: the few image-registration calls the camera module
 * needs, so that no C++ type crosses into Swift. Images are row-major single-channel float planes.
 * Every call returns 0 on success, or -1 with OpenCV's message copied into `message`. */

#ifdef __cplusplus
extern "C" {
#endif

/* The Euclidean motion (rotation + translation) taking reference pixel coordinates to frame pixel
 * coordinates, estimated by cv::findTransformECC on the gradient magnitudes of both images, coarse to
 * fine over `levels` pyramid levels (frames wider than 1024 px from the first level at most 1024 wide,
 * the translation scaled back), so that illumination changes do not pull it; no motion is
 * returned instead when that aligns the gradients better (ECC wandered off). `matrix` (2×3,
 * row-major) is the result; `correlation` the normalised correlation of the aligned gradient magnitudes
 * (cv::matchTemplate, TM_CCOEFF_NORMED), low for fog, night or a blocked lens. */
int lw_register_euclidean(const float *reference, const float *frame, int width, int height, int levels,
                          double matrix[6], double *correlation, char *message, int message_capacity);

/* `frame` resampled onto the reference's pixel grid with the motion from lw_register_euclidean
 * (cv::warpAffine, bilinear, edge pixels repeated). `out` holds width × height values. */
int lw_warp_to_reference(const float *frame, int width, int height, const double matrix[6], float *out,
                         char *message, int message_capacity);

/* The plane homography (3×3, row-major) taking image points to ground points, least squares over all
 * `count` ≥ 4 pairs (cv::findHomography, method 0); `image` and `ground` hold x, y pairs. */
int lw_find_homography(const double *image, const double *ground, int count, double matrix[9],
                       char *message, int message_capacity);

#ifdef __cplusplus
}
#endif

#endif
