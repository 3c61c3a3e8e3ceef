import ArgumentParser
import Enforcement
import Foundation
import Geo
import Workspace

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "省级抽样复核、瞒报率与审计日志 / provincial audit sampling, concealment rate and the audit log",
        discussion: """
        抽样分两步：先公布种子（由全部判定结果的哈希和事先公布的公布值算出），再抽样；任何人可用 check 复核。
        Sampling takes two steps: publish the seed (from a hash of the determinations and a value announced in
        advance), then draw; anyone can re-draw with check.
        """,
        subcommands: [Seed.self, Draw.self, Check.self, Judge.self, Report.self, Verify.self, Log.self])

    struct Seed: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "公布抽样种子 / publish the sampling seed")
        @OptionGroup var workspace: WorkspaceOptions
        @OptionGroup var step: StepOptions
        @Option(help: "批次 / batch") var batch: String
        @Option(help: "事先公布的公布值（如某日福彩开奖号）/ the value announced in advance") var announced: String
        @Option(help: "每层抽样比例（%）/ percentage per stratum") var rate = AuditSampling.defaultRatePercent
        @Option(help: "每层至少抽取 / minimum per stratum") var minimum = AuditSampling.defaultMinimumPerStratum
        @Flag(help: "未完成审核的图斑不参加本次抽样 / leave patches not yet approved out of this audit") var allowPending = false

        func run() throws {
            try perform {
                let seed = try workspace.open().publishAuditSeed(batch: batch, announcedValue: announced, ratePercent: rate,
                                                                 minimumPerStratum: minimum, allowPending: allowPending,
                                                                 signature: step.signature)
                print("批次 \(batch) 抽样种子已公布 / seed published")
                print("  判定结果 determinations: \(seed.candidateCount) 个，摘要 digest \(seed.determinationsDigest)")
                print("  公布值 announced: \(seed.announcedValue)")
                print("  种子 seed: \(seed.seed)")
                print("  比例 rate: \(seed.ratePercent)%，每层至少 minimum \(seed.minimumPerStratum)")
            }
        }
    }

    struct Draw: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "按已公布的种子抽样 / draw the sample from the published seed")
        @OptionGroup var workspace: WorkspaceOptions
        @OptionGroup var step: StepOptions
        @Option(help: "批次 / batch") var batch: String

        func run() throws {
            try perform {
                let ws = try workspace.open()
                let (seed, strata) = try ws.drawAuditSample(batch: batch, signature: step.signature)
                let names = try ws.regionNames()
                print("批次 \(batch) 抽样完成，种子 seed \(seed.seed.prefix(16))…")
                var table = TextTable("市 city", "类别 category", "总数 population", "抽取 sampled", "图斑 patches")
                for stratum in strata {
                    table.add(names[stratum.city] ?? stratum.city.rawValue, stratum.category.chineseName, String(stratum.population),
                              String(stratum.sampled.count), stratum.sampled.map(\.code).joined(separator: " "))
                }
                print(table.rendered)
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "按公布的种子重新抽样并核对 / re-draw from the seed and compare")
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: "批次 / batch") var batch: String

        func run() throws {
            try perform {
                if try workspace.open().checkAuditSample(batch: batch) {
                    print("✓ 重新抽样结果与已抽样本一致 / the re-draw matches the sample")
                } else {
                    print("✗ 重新抽样结果与已抽样本不一致 / the re-draw does NOT match the sample")
                    throw ExitCode(ExitStatus.dataError)
                }
            }
        }
    }

    struct Judge: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "省级复核判定 / the auditor's judgement of a drawn patch")
        @OptionGroup var workspace: WorkspaceOptions
        @OptionGroup var target: PatchOptions
        @OptionGroup var step: StepOptions
        @Option(name: .customLong("as"), help: "复核判定子类（代码或名称）/ sub-type") var subtype: String
        @Option(help: "复核说明 / note") var note = ""

        func run() throws {
            try perform {
                let ws = try workspace.open()
                let workflow = try ws.auditJudge(target.key, subtype: subtype, note: note, codes: try ws.determinationCodes(),
                                                 signature: step.signature, expectedVersion: step.expectVersion)
                let reported = workflow.determination?.reportedCategory.chineseName ?? "—"
                let audited = workflow.auditJudgement?.category.chineseName ?? "—"
                print("\(workflow.subject)：县报 \(reported)，复核 \(audited)\(workflow.concealed ? "  ⚠ 瞒报 concealed" : "")")
            }
        }
    }

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "瞒报率（按市、全省）/ concealment rate per city and overall")
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: "批次 / batch") var batch: String

        func run() throws {
            try perform {
                let ws = try workspace.open()
                printConcealment(try ws.concealment(batch: batch), names: try ws.regionNames())
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "校验审计日志哈希链 / check the audit log's hash chain")
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: "此前公布的末尾哈希 / a head hash published earlier") var expectHead: String?

        func run() throws {
            try perform {
                let check = try workspace.open().verifyAuditLog(expectedHead: expectHead)
                if let problem = check.problem {
                    print("✗ \(problem)")
                    print("  前 \(check.verifiedEvents) 条事件完好 / the first \(check.verifiedEvents) events are intact")
                    throw ExitCode(ExitStatus.dataError)
                }
                print("✓ 审计日志完好：\(check.verifiedEvents) 条事件 / audit log intact: \(check.verifiedEvents) events")
                print("  末尾哈希 head: \(check.head)")
            }
        }
    }

    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "查看审计日志 / show audit log events")
        @OptionGroup var workspace: WorkspaceOptions
        @Option(help: "只看某对象，如 2024M04/440103-0001 或「案件 A-1」/ one subject only") var subject: String?
        @Option(help: "最后 N 条 / the last N events") var last = 20

        func run() throws {
            try perform {
                let ws = try workspace.open()
                let events: [AuditEvent]
                if let subject {
                    events = try ws.store.auditEvents(subject: subject)
                } else {
                    let total = try ws.store.lastAuditSequence()
                    events = try ws.store.auditEvents(after: max(0, total - Int64(last)), limit: last)
                }
                var table = TextTable("序号 seq", "时间 time (UTC)", "操作人 actor", "操作 action", "对象 subject", "哈希 hash")
                for event in events {
                    table.add(String(event.sequence), event.at, event.actor, event.action, event.subject, String(event.hash.prefix(12)))
                }
                print(table.rendered)
            }
        }
    }
}

func percentText(_ value: Double?) -> String {
    value.map { String(format: "%.1f%%", $0 * 100) } ?? "—"
}

func printConcealment(_ rows: [ConcealmentRate], names: [RegionCode: String]) {
    var table = TextTable("市 city", "抽中报合法/其他 sampled", "已复核 judged", "瞒报 concealed", "瞒报率(个数) by count",
                          "瞒报面积(亩) area", "瞒报率(面积) by area", "待复核 pending", "")
    for row in rows {
        let name = row.city.map { names[$0] ?? $0.rawValue } ?? "全省 total"
        table.add(name, String(row.reportedLegalOrOther), String(row.judged), String(row.concealed), percentText(row.rateByCount),
                  row.concealedArea.muText, percentText(row.rateByArea), String(row.pending), row.flagged ? "⚠ ≥20%" : "")
    }
    print(table.rendered)
}
