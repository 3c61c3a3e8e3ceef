/// The rules shipped with LandWatch, used when `landwatch prejudge` is given no `--rules` file.
/// `landwatch prejudge --print-default-rules > rules.yaml` writes them out for a bureau to edit.
public enum DefaultRules {
    public static let yaml = """
    # LandWatch 预判规则（pre-judgement rules）
    #
    # 预判是给县级核查的建议，不是判定结论。
    # 规则按顺序检查：第一条命中（所有条件都满足）的规则决定预判结论和优先级；
    # 所有命中的规则和理由都记录在图斑上，核查人员可以看到为什么。
    # 没有规则命中时，使用 fallback（默认）中的结论和优先级。
    #
    # 条件的键是图层类型（也可以写中文名称）：
    #   basicFarmland      永久基本农田
    #   cultivatedLand     三调地类（耕地）
    #   ecologicalRedLine  生态保护红线
    #   urbanBoundary      城镇开发边界
    #   approvedLand       批准用地
    #   landSupply         供地
    #   facilityFarmland   设施农用地
    # 每个图层下可写一个或多个检验（同一规则内全部满足才命中）：
    #   touches: true / false        与该图层有重叠 / 无重叠（碎片不算）
    #   share_at_least: 0.95         重叠面积占图斑面积 ≥ 95%
    #   share_below: 0.95            重叠面积占图斑面积 < 95%
    #   area_mu_at_least: 1          重叠面积 ≥ 1 亩
    #   cultivated_mu_at_least: 1    （仅三调地类）其中耕地（01 类）≥ 1 亩
    # verdict（结论）：疑似合法 / 疑似违法 / 待核查；priority（优先级）：高 / 中 / 低
    # 同一类型有多个图层时，取图斑压占最多的那个图层。
    # 规则引用的图层必须已导入并完成叠加分析（landwatch overlay），否则预判不会开始。

    version: 1

    # 碎片容差：重叠面积小于 area_m2 平方米，或小于图斑面积的 share 比例时，视为未压占
    # （不同来源图层边界不重合产生的细碎面）。
    sliver:
      area_m2: 1
      share: 0.001

    fallback:
      verdict: 待核查
      priority: 中

    rules:
      - id: approved
        name: 批准用地覆盖
        when:
          approvedLand: { share_at_least: 0.95 }
        verdict: 疑似合法
        subtype: 已批准用地
        priority: 低

      - id: facility-farmland
        name: 设施农用地
        when:
          facilityFarmland: { share_at_least: 0.95 }
        verdict: 疑似合法
        subtype: 设施农用地
        priority: 低

      - id: urban-supplied
        name: 城镇开发边界内已供地
        when:
          urbanBoundary: { share_at_least: 0.95 }
          landSupply: { share_at_least: 0.95 }
        verdict: 疑似合法
        subtype: 城镇开发边界内已供地
        priority: 低

      - id: basic-farmland
        name: 占用永久基本农田未批
        when:
          basicFarmland: { touches: true }
          approvedLand: { share_below: 0.95 }
        verdict: 疑似违法
        subtype: 占用永久基本农田
        priority: 高

      - id: red-line
        name: 占用生态保护红线未批
        when:
          ecologicalRedLine: { touches: true }
          approvedLand: { share_below: 0.95 }
        verdict: 疑似违法
        subtype: 占用生态保护红线
        priority: 高

      - id: cultivated-land
        name: 占用耕地未批
        when:
          cultivatedLand: { cultivated_mu_at_least: 1 }
          approvedLand: { share_below: 0.95 }
        verdict: 疑似违法
        subtype: 占用耕地
        priority: 中

      - id: outside-urban
        name: 城镇开发边界外未批
        when:
          urbanBoundary: { share_below: 0.95 }
          approvedLand: { share_below: 0.95 }
        verdict: 疑似违法
        subtype: 城镇开发边界外建设
        priority: 中

    """
}
