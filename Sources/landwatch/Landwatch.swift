import ArgumentParser

@main
struct Landwatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "landwatch",
        abstract: "LandWatch 自然资源执法监测 / natural-resources enforcement monitoring",
        discussion: """
            退出码 / exit codes: 0 成功 success; 64 用法错误 usage; 65 输入数据错误 bad input data;
            74 工作空间或数据库错误 workspace or database error.
            工作空间 / workspace: --workspace DIR, else $LANDWATCH_WORKSPACE, else the current directory.
            """,
        subcommands: [Init.self, RegionsCommand.self, LayersCommand.self, PatchesCommand.self, OverlayCommand.self, PrejudgeCommand.self, Export.self, Summary.self, Demo.self])
}
