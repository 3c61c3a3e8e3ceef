import ArgumentParser
import Enforcement
import Foundation
import Workspace

struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "用户管理：添加、列出、停用、改密码、签发 API 令牌 / manage users: add, list, disable, password, API tokens",
        discussion: "角色 / roles: " + Role.allCases.map { "\($0.rawValue)（\($0.chineseName)）" }.joined(separator: "、"),
        subcommands: [Add.self, List.self, Disable.self, Enable.self, Password.self, Token.self])

    /// The password from $LANDWATCH_PASSWORD, else one line on stdin: never a command-line argument,
    /// which any user of the machine could read in the process list.
    static func readPassword() throws -> String {
        if let password = ProcessInfo.processInfo.environment["LANDWATCH_PASSWORD"], !password.isEmpty { return password }
        FileHandle.standardError.write(Data("密码 / password: ".utf8))
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw ValidationError("请在标准输入或 $LANDWATCH_PASSWORD 中给出密码 / give the password on stdin or in $LANDWATCH_PASSWORD")
        }
        return line
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "添加用户（密码从标准输入或 $LANDWATCH_PASSWORD 读取）/ add a user (password from stdin or $LANDWATCH_PASSWORD)")
        @OptionGroup var workspace: WorkspaceOptions
        @OptionGroup var step: StepOptions
        @Argument(help: "用户名 / username") var username: String
        @Option(help: "角色 / role (code or 中文名)") var role: String
        @Option(help: "辖区行政区划代码 / jurisdiction region code") var jurisdiction: String
        @Option(help: "姓名 / display name") var name = ""

        func run() throws {
            guard let role = Role(text: role) else {
                throw ValidationError("未知角色「\(role)」/ unknown role \(role); see landwatch users --help")
            }
            let region: RegionCode
            do { region = try RegionCode(jurisdiction) } catch { throw ValidationError("\(error)") }
            let password = try UsersCommand.readPassword()
            try perform {
                let account = try workspace.open().addUser(NewUser(username: username, displayName: name, role: role,
                                                                   jurisdiction: region, password: password),
                                                           signature: step.signature)
                print("已添加用户 / added \(account.username)：\(account.role.chineseName)，辖区 \(account.jurisdiction)")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出用户 / list users")
        @OptionGroup var workspace: WorkspaceOptions

        func run() throws {
            try perform {
                var table = TextTable("用户名 username", "姓名 name", "角色 role", "辖区 jurisdiction", "状态 state")
                for user in try workspace.open().users() {
                    table.add(user.username, user.displayName, user.role.chineseName, user.jurisdiction.rawValue,
                              user.disabled ? "已停用 disabled" : "正常 active")
                }
                print(table.rendered)
            }
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "停用用户并注销其会话和令牌 / disable a user and end its sessions and tokens")
        @OptionGroup var workspace: WorkspaceOptions
        @OptionGroup var step: StepOptions
        @Argument(help: "用户名 / username") var username: String

        func run() throws {
            try perform {
                try workspace.open().disableUser(username, signature: step.signature)
                print("已停用 / disabled \(username)")
            }
        }
    }

    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "重新启用已停用的用户 / enable a disabled user again")
        @OptionGroup var workspace: WorkspaceOptions
        @OptionGroup var step: StepOptions
        @Argument(help: "用户名 / username") var username: String

        func run() throws {
            try perform {
                try workspace.open().enableUser(username, signature: step.signature)
                print("已启用 / enabled \(username)")
            }
        }
    }

    struct Password: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "设置新密码（从标准输入或 $LANDWATCH_PASSWORD）/ set a new password")
        @OptionGroup var workspace: WorkspaceOptions
        @OptionGroup var step: StepOptions
        @Argument(help: "用户名 / username") var username: String

        func run() throws {
            let password = try UsersCommand.readPassword()
            try perform {
                try workspace.open().setPassword(username, to: password, signature: step.signature)
                print("已更新密码 / password changed for \(username)")
            }
        }
    }

    struct Token: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "为脚本签发 API 令牌（只显示一次）/ issue an API token for scripts (shown once)",
            discussion: "curl -H 'Authorization: Bearer TOKEN' http://127.0.0.1:8080/api/patches")
        @OptionGroup var workspace: WorkspaceOptions
        @Argument(help: "用户名 / username") var username: String
        @Option(help: "令牌用途 / what the token is for") var name = "script"

        func run() throws {
            try perform {
                print(try workspace.open().issueToken(for: username, name: name).value)
            }
        }
    }
}
