/// Land-use classes of GB/T 21010-2017 as used by the third national land survey (三调地类), for the
/// codes that matter in enforcement. Cultivated land is 01xx.
public enum LandClass {
    /// Chinese names by code (二级类).
    public static let names: [String: String] = [
        "0101": "水田", "0102": "水浇地", "0103": "旱地",
        "0201": "果园", "0202": "茶园", "0204": "其他园地",
        "0301": "乔木林地", "0305": "灌木林地", "0307": "其他林地",
        "0401": "天然牧草地", "0404": "其他草地",
        "0601": "工业用地", "0602": "采矿用地",
        "0701": "城镇住宅用地", "0702": "农村宅基地",
        "1003": "公路用地", "1006": "农村道路",
        "1101": "河流水面", "1104": "坑塘水面", "1107": "沟渠",
        "1202": "设施农用地", "1206": "裸土地",
    ]

    /// The Chinese name of a class code, or nil for a code not in the list.
    public static func name(of code: String) -> String? { names[code] }

    /// True for cultivated land (耕地, 01xx).
    public static func isCultivated(_ code: String) -> Bool { code.hasPrefix("01") && code.count == 4 }
}
