import Foundation

/// 底图: an XYZ tile service the map draws under the patches, e.g. 天地图 (Tianditu) WMTS in production.
/// Without one the map shows imagery and vector layers only, which is what the demo does offline.
public struct Basemap: Sendable, Equatable {
    /// Leaflet's URL template: {z}/{x}/{y}, and {s} for a subdomain.
    public let imageryURL: String
    /// 注记: place names drawn over the imagery; nil when the service has none.
    public let labelsURL: String?
    /// The letters or digits {s} takes, e.g. "01234567".
    public let subdomains: String
    public let attribution: String

    /// Checks the templates: http(s), with {z}, {x} and {y}. The message names what is wrong (中文 / English).
    public init(imageryURL: String, labelsURL: String? = nil, subdomains: String = "", attribution: String = "") throws(BasemapError) {
        for template in [imageryURL] + (labelsURL.map { [$0] } ?? []) {
            guard let url = URL(string: template.replacingOccurrences(of: "{", with: "%7B").replacingOccurrences(of: "}", with: "%7D")),
                  ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw .notHTTP(template)
            }
            for placeholder in ["{z}", "{x}", "{y}"] where !template.contains(placeholder) {
                throw .missingPlaceholder(template, placeholder)
            }
            if template.contains("{s}") && subdomains.isEmpty { throw .missingSubdomains(template) }
        }
        self.imageryURL = imageryURL
        self.labelsURL = labelsURL
        self.subdomains = subdomains
        self.attribution = attribution
    }

    /// 天地图 影像 (img_w) and 影像注记 (cia_w) in Web Mercator through its WMTS KVP interface, with the
    /// bureau's browser key (a key is bound to the site's domain by 天地图, so it is not a server secret).
    public static func tianditu(key: String) throws(BasemapError) -> Basemap {
        let trimmed = key.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { throw .badKey }
        func layer(_ name: String) -> String {
            "https://t{s}.tianditu.gov.cn/\(name)_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=\(name)&STYLE=default"
                + "&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=\(trimmed)"
        }
        return try Basemap(imageryURL: layer("img"), labelsURL: layer("cia"), subdomains: "01234567", attribution: "天地图")
    }

    /// The origins the browser fetches tiles from, for the content security policy: `{s}` in a host
    /// becomes a wildcard (https://t{s}.tianditu.gov.cn → https://*.tianditu.gov.cn).
    var imageOrigins: [String] {
        ([imageryURL] + (labelsURL.map { [$0] } ?? [])).compactMap { template -> String? in
            guard let schemeEnd = template.range(of: "://") else { return nil }
            let rest = template[schemeEnd.upperBound...]
            let host = rest.prefix { $0 != "/" && $0 != "?" }
            let origin = template[..<schemeEnd.upperBound] + host
            return origin.replacingOccurrences(of: "t{s}.", with: "*.").replacingOccurrences(of: "{s}.", with: "*.")
                .replacingOccurrences(of: "{s}", with: "*")
        }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    }
}

/// Why a basemap setting was refused.
public enum BasemapError: Error, Equatable, CustomStringConvertible {
    case notHTTP(String)
    case missingPlaceholder(String, String)
    case missingSubdomains(String)
    case badKey

    public var description: String {
        switch self {
        case .notHTTP(let template):
            return "底图地址须以 http:// 或 https:// 开头：\(template) / The basemap URL must be http(s): \(template)"
        case let .missingPlaceholder(template, placeholder):
            return "底图地址缺少 \(placeholder)：\(template) / The basemap URL lacks \(placeholder): \(template)"
        case .missingSubdomains(let template):
            return "底图地址含 {s}，请同时给出子域名 / The basemap URL has {s}: give the subdomains too: \(template)"
        case .badKey:
            return "天地图密钥应为字母和数字 / The Tianditu key must be letters and digits"
        }
    }
}
