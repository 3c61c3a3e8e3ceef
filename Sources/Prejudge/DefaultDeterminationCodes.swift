/// The determination code list shipped with LandWatch (判定代码表), used unless a workspace has its own
/// `determination-codes.yaml`. `landwatch determine --print-default-codes` writes it out for editing.
public enum DefaultDeterminationCodes {
    public static let yaml = """
    # LandWatch 内业判定代码表（determination code list）
    #
    # 每个判定子类一项：code（代码，唯一）、name（名称）、category（合法 / 违法 / 其他）；
    # 合法子类必须有 document：判定为该子类时必须填写的文件编号名称（如 批准文号、备案编号）。
    # 其他子类可标 no_change: true：实地并无监测意义上的变化，用判定结果训练变化检测模型时作为“未变化”样本。
    # 判定时可写代码（WF01）或名称（未批先建）。可以增删改，但已用过的代码请勿改名，
    # 否则统计和导出中的旧判定会对不上。

    version: 1
    codes:
      # 合法
      - { code: HF01, name: 已批准用地,     category: 合法, document: 批准文号 }
      - { code: HF02, name: 设施农用地,     category: 合法, document: 备案编号 }
      - { code: HF03, name: 农村道路,       category: 合法, document: 立项文号 }
      - { code: HF04, name: 水利设施,       category: 合法, document: 立项文号 }
      - { code: HF05, name: 临时用地,       category: 合法, document: 批准文号 }
      - { code: HF06, name: 先行用地,       category: 合法, document: 批准文号 }
      - { code: HF07, name: 农村宅基地,     category: 合法, document: 批准文号 }
      - { code: HF08, name: 其他合法用地,   category: 合法, document: 批准文号 }
      # 违法
      - { code: WF01, name: 未批先建,       category: 违法 }
      - { code: WF02, name: 少批多占,       category: 违法 }
      - { code: WF03, name: 批而未供擅自建设, category: 违法 }
      - { code: WF04, name: 乱占耕地建房,   category: 违法 }
      - { code: WF05, name: 非法转让土地,   category: 违法 }
      - { code: WF06, name: 临时用地超期使用, category: 违法 }
      - { code: WF07, name: 设施农用地违规建设, category: 违法 }
      - { code: WF08, name: 其他违法用地,   category: 违法 }
      # 其他
      - { code: QT01, name: 伪变化,         category: 其他, no_change: true }
      - { code: QT02, name: 耕地内部调整,   category: 其他 }
      - { code: QT03, name: 季节性变化,     category: 其他, no_change: true }
      - { code: QT04, name: 实地未变化,     category: 其他, no_change: true }
      - { code: QT05, name: 农业结构调整,   category: 其他 }
      - { code: QT06, name: 其他,           category: 其他 }
    """
}
