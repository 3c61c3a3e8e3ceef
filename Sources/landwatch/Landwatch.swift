import ArgumentParser

@main
struct Landwatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "landwatch",
        abstract: "LandWatch 自然资源执法监测 / natural-resources enforcement monitoring",
        discussion: """
            退出码 / exit codes: 0 成功 success; 64 用法错误 usage; 65 输入数据错误 bad input data;
            74 工作空间或数据库错误 workspace or database error; 75 记录已被他人修改，请重试 changed by someone else, try again.
            工作空间 / workspace: --workspace DIR, else $LANDWATCH_WORKSPACE, else the current directory.
            """,
        subcommands: [Init.self, RegionsCommand.self, LayersCommand.self, PatchesCommand.self, OverlayCommand.self, PrejudgeCommand.self, AssignCommand.self, VerifyCommand.self, DetermineCommand.self, ReviewCommand.self, AuditCommand.self, CaseCommand.self, ProblemsCommand.self, StatsCommand.self, UsersCommand.self, ImageryCommand.self, DetectCommand.self, SamplesCommand.self, CamerasCommand.self, AlarmsCommand.self, ServeCommand.self, Export.self, Summary.self, Demo.self])
}
