import Enforcement
import Foundation
import Workspace

/// The people of the demo city, one per role, so a newcomer can sign in as each and see what that
/// role sees. They share one password, printed by `landwatch demo` and in the README: demo data only.
public enum DemoUsers {
    public static let password = "landwatch-demo"

    public static let people: [(username: String, name: String, role: Role, jurisdiction: String)] = [
        ("admin", "系统管理员", .administrator, "440000"),
        ("province", "省卫片执法技术中心 王工", .provinceAuditor, "440000"),
        ("city", "示范市自然资源局 审核员", .cityReviewer, DemoCounty.city.code),
        ("dongling", "东岭县执法员 李工", .countyOfficer, DemoCounty.counties[0].code),
        ("qinghe", "青禾县执法员 张工", .countyOfficer, DemoCounty.counties[1].code),
        ("nanchuan", "南川县执法员 陈工", .countyOfficer, DemoCounty.counties[2].code),
        ("field", "东岭县外业核查员", .fieldVerifier, DemoCounty.counties[0].code),
        ("cases", "示范市执法监察支队", .caseOfficer, DemoCounty.city.code),
        ("camera", "东岭县视频值守员", .cameraOperator, DemoCounty.counties[0].code),
    ]

    /// Adds the demo users that are not there yet; returns how many were added.
    @discardableResult
    public static func install(in workspace: Workspace, policy: PasswordPolicy = PasswordPolicy()) throws -> Int {
        let existing = Set(try workspace.users().map(\.username))
        var added = 0
        for person in people where !existing.contains(person.username) {
            try workspace.addUser(NewUser(username: person.username, displayName: person.name, role: person.role,
                                          jurisdiction: try RegionCode(person.jurisdiction), password: password),
                                  policy: policy, signature: Signature(person: "landwatch demo"))
            added += 1
        }
        return added
    }
}
