import Geo

/// The one error type of `GeoIO`: files read or written through GDAL/OGR. Messages name the file,
/// and the feature and field where there is one, in Chinese and English, with GDAL's own words.
public enum GeoIOError: Error, Equatable, Sendable, CustomStringConvertible {
    case cannotOpen(path: String, gdalMessage: String)
    /// The file opened but its pixels could not be read: a damaged or truncated file, as a copy or
    /// download cut short leaves.
    case cannotRead(path: String, gdalMessage: String)
    /// No layer named `layer` (nil: no layer at all); `available` lists the file's layers.
    case noLayer(path: String, layer: String?, available: [String] = [])
    /// The file declares no CRS (a shapefile without .prj, say) and none was assumed.
    case missingCRS(path: String)
    /// The file declares a CRS that PROJ cannot use.
    case unknownCRS(path: String, detail: String)
    /// Geographic CRS declared, but coordinates are not longitudes/latitudes (a frequent .prj mix-up).
    case coordinatesOutOfRange(path: String, feature: Int64, crs: String)
    case unreadableFeature(path: String, feature: Int64, gdalMessage: String)
    case missingField(path: String, field: String, available: [String])
    /// An attribute filter (`--aoi-where`) OGR cannot apply to the layer.
    case invalidFilter(path: String, expression: String, gdalMessage: String, available: [String])
    case cannotCreate(path: String, gdalMessage: String)
    case cannotWrite(path: String, feature: Int, gdalMessage: String)
    /// Shapefile (dBase) field names are limited to 10 bytes in the file's encoding.
    case fieldNameTooLong(path: String, field: String)
    /// The file exists but GDAL's JPEG driver cannot open it: not a JPEG (a renamed text file, a HEIC),
    /// or cut off before the image header ends.
    case notAPhoto(path: String, gdalMessage: String)
    /// `PhotoMetadata.writeJPEG` was given a value it cannot write; `value` says what, language-neutrally
    /// (`"27 ≠ 4 × 3 × 3"`).
    case invalidPhotoInput(path: String, field: String, value: String)
    /// A raster that cannot serve as imagery (band count, no georeference).
    case notImagery(path: String, reason: String)
    case cannotRender(path: String, tile: String, gdalMessage: String)

    public var description: String {
        switch self {
        case let .notImagery(path, reason):
            return "影像 \(path) 不能用作底图：\(reason) / \(path) cannot be shown as imagery: \(reason)"
        case let .cannotRender(path, tile, message):
            return "影像 \(path) 切片 \(tile) 生成失败：\(message) / Cannot render tile \(tile) of \(path): \(message)"
        case let .cannotOpen(path, message):
            return "无法打开文件 \(path)：\(message) / Cannot open \(path): \(message)"
        case let .cannotRead(path, message):
            return "无法读取文件 \(path) 的像元，文件可能已损坏或不完整：\(message) / Cannot read the pixels of \(path); the file may be damaged or incomplete: \(message)"
        case let .noLayer(path, layer, available):
            if let layer {
                return "文件 \(path) 中没有图层「\(layer)」，现有图层：\(available.joined(separator: ", ")) / \(path) has no layer named \(layer); its layers are: \(available.joined(separator: ", "))"
            }
            return "文件 \(path) 中没有矢量图层 / \(path) contains no vector layer"
        case let .missingCRS(path):
            return "文件 \(path) 未定义坐标系（缺少 .prj？），请用 --assume-crs 指定，例如 --assume-crs EPSG:4490 / \(path) has no coordinate reference system (missing .prj?); give one with --assume-crs, e.g. --assume-crs EPSG:4490"
        case let .unknownCRS(path, detail):
            return "文件 \(path) 的坐标系无法识别：\(detail)；可用 --assume-crs 指定 / Unknown CRS in \(path): \(detail); give one with --assume-crs"
        case let .coordinatesOutOfRange(path, feature, crs):
            return "文件 \(path) 第 \(feature) 个要素的坐标超出经纬度范围，但坐标系是 \(crs)：.prj 可能与数据不符 / Feature \(feature) of \(path) has coordinates outside longitude/latitude range although the CRS is \(crs): the .prj probably does not match the data"
        case let .unreadableFeature(path, feature, message):
            return "文件 \(path) 第 \(feature) 个要素无法读取：\(message) / Cannot read feature \(feature) of \(path): \(message)"
        case let .missingField(path, field, available):
            return "文件 \(path) 中没有字段「\(field)」，现有字段：\(available.joined(separator: ", ")) / \(path) has no field \(field); fields are: \(available.joined(separator: ", "))"
        case let .invalidFilter(path, expression, message, available):
            return "文件 \(path) 的筛选条件「\(expression)」无效：\(message)；现有字段：\(available.joined(separator: ", "))；示例 XZQDM = '449901' / Invalid filter \(expression) on \(path): \(message); fields are: \(available.joined(separator: ", ")); e.g. XZQDM = '449901'"
        case let .cannotCreate(path, message):
            return "无法创建文件 \(path)：\(message) / Cannot create \(path): \(message)"
        case let .cannotWrite(path, feature, message):
            return "写入 \(path) 第 \(feature) 个要素失败：\(message) / Cannot write feature \(feature) to \(path): \(message)"
        case let .fieldNameTooLong(path, field):
            return "Shapefile 字段名「\(field)」超过 10 字节：\(path) / Shapefile field name \(field) is longer than 10 bytes: \(path)"
        case let .notAPhoto(path, message):
            return "文件 \(path) 不是可读取的 JPEG 照片：\(message) / \(path) is not a readable JPEG photo: \(message)"
        case let .invalidPhotoInput(path, field, value):
            return "无法写入照片 \(path)：\(field) 的值无效（\(value)） / Cannot write photo \(path): invalid \(field) (\(value))"
        }
    }
}
