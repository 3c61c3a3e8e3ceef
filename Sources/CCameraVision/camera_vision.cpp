#include "camera_vision.h"

#include <opencv2/calib3d.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/video/tracking.hpp>

#include <cstring>
#include <exception>
#include <vector>

namespace {

int fail(const char *text, char *message, int capacity) {
    if (message && capacity > 0) {
        std::strncpy(message, text, static_cast<size_t>(capacity) - 1);
        message[capacity - 1] = '\0';
    }
    return -1;
}

cv::Mat gradientMagnitude(const cv::Mat &image) {
    cv::Mat smooth, gx, gy, magnitude;
    cv::GaussianBlur(image, smooth, cv::Size(0, 0), 1.0);
    cv::Sobel(smooth, gx, CV_32F, 1, 0);
    cv::Sobel(smooth, gy, CV_32F, 0, 1);
    cv::magnitude(gx, gy, magnitude);
    return magnitude;
}

/// Normalised correlation of the frame's gradients, warped by `warp`, with the reference's.
double alignedCorrelation(const cv::Mat &reference, const cv::Mat &frame, const cv::Mat &warp) {
    cv::Mat aligned, score;
    cv::warpAffine(frame, aligned, warp, frame.size(), cv::INTER_LINEAR | cv::WARP_INVERSE_MAP, cv::BORDER_REPLICATE);
    cv::matchTemplate(aligned, reference, score, cv::TM_CCOEFF_NORMED);
    return score.at<float>(0, 0);
}

}  // namespace

extern "C" int lw_register_euclidean(const float *reference, const float *frame, int width, int height, int levels,
                                     double matrix[6], double *correlation, char *message, int message_capacity) {
    try {
        cv::Mat first(height, width, CV_32F, const_cast<float *>(reference));
        cv::Mat second(height, width, CV_32F, const_cast<float *>(frame));
        std::vector<cv::Mat> references{gradientMagnitude(first)}, frames{gradientMagnitude(second)};
        // ECC runs up to 60 iterations on the finest level, which at 1080p costs seconds when a
        // changed scene keeps it from converging; its sub-pixel estimate at ≤ 1024 px wide is as good
        // for cells of a dozen pixels. Larger frames start their pyramid that many halvings down.
        int finest = 0;
        while ((width >> finest) > 1024) ++finest;
        levels += finest;
        for (int level = 1; level < levels; ++level) {
            cv::Mat a, b;
            cv::pyrDown(references.back(), a);
            cv::pyrDown(frames.back(), b);
            references.push_back(a);
            frames.push_back(b);
        }
        // A level where ECC does not converge (too little texture there, or the frame already
        // aligned) keeps the motion found so far instead of failing the frame.
        cv::Mat warp = cv::Mat::eye(2, 3, CV_32F);
        for (int level = levels - 1; level >= finest; --level) {
            // The coarsest level finds the drift; each finer one only refines it, with half the
            // iterations: a scene changed enough never meets EPS and would spend them all.
            const cv::TermCriteria stop(cv::TermCriteria::COUNT | cv::TermCriteria::EPS, 60 >> (levels - 1 - level), 1e-4);
            cv::Mat attempt = warp.clone();
            try {
                cv::findTransformECC(references[level], frames[level], attempt, cv::MOTION_EUCLIDEAN, stop, cv::noArray(), 3);
                if (cv::checkRange(attempt)) warp = attempt;
            } catch (const cv::Exception &) {
            }
            if (level > finest) {
                warp.at<float>(0, 2) *= 2;
                warp.at<float>(1, 2) *= 2;
            }
        }
        // ECC can wander off when a large new structure dominates the gradients; a preset never
        // returns far from its view, so the motion is kept only if it aligns better than none.
        double reached = alignedCorrelation(references[finest], frames[finest], warp);
        const cv::Mat still = cv::Mat::eye(2, 3, CV_32F);
        const double unmoved = alignedCorrelation(references[finest], frames[finest], still);
        if (!(reached >= unmoved)) {
            warp = still;
            reached = unmoved;
        }
        warp.at<float>(0, 2) *= float(1 << finest);
        warp.at<float>(1, 2) *= float(1 << finest);
        for (int i = 0; i < 6; ++i) matrix[i] = warp.at<float>(i / 3, i % 3);
        *correlation = reached;
        return 0;
    } catch (const std::exception &error) {
        return fail(error.what(), message, message_capacity);
    }
}

extern "C" int lw_warp_to_reference(const float *frame, int width, int height, const double matrix[6], float *out,
                                    char *message, int message_capacity) {
    try {
        cv::Mat source(height, width, CV_32F, const_cast<float *>(frame));
        cv::Mat target(height, width, CV_32F, out);
        cv::Mat warp(2, 3, CV_64F, const_cast<double *>(matrix));
        cv::warpAffine(source, target, warp, target.size(), cv::INTER_LINEAR | cv::WARP_INVERSE_MAP, cv::BORDER_REPLICATE);
        return 0;
    } catch (const std::exception &error) {
        return fail(error.what(), message, message_capacity);
    }
}

extern "C" int lw_find_homography(const double *image, const double *ground, int count, double matrix[9],
                                  char *message, int message_capacity) {
    try {
        std::vector<cv::Point2d> from, to;
        for (int i = 0; i < count; ++i) {
            from.emplace_back(image[2 * i], image[2 * i + 1]);
            to.emplace_back(ground[2 * i], ground[2 * i + 1]);
        }
        cv::Mat found = cv::findHomography(from, to, 0);
        if (found.empty()) return fail("cv::findHomography found no homography (points collinear?)", message, message_capacity);
        for (int i = 0; i < 9; ++i) matrix[i] = found.at<double>(i / 3, i % 3);
        return 0;
    } catch (const std::exception &error) {
        return fail(error.what(), message, message_capacity);
    }
}
