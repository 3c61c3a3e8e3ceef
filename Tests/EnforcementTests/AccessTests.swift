import Enforcement
import Foundation
import Testing

@Suite("Roles, permissions and jurisdictions")
struct AccessTests {
    let now = Date(timeIntervalSince1970: 1_717_200_000)

    private func user(_ role: Role, _ region: String) throws -> UserAccount {
        try UserAccount.validated(username: "someone", displayName: "", role: role, jurisdiction: try RegionCode(region), createdAt: now)
    }

    @Test("A county user covers its county only; a city user its counties; a province user the province")
    func coverageFollowsRegionCodes() throws {
        let county = try user(.countyOfficer, "449901"), city = try user(.cityReviewer, "449900"), province = try user(.provinceAuditor, "44")
        let here = try RegionCode("449901"), neighbour = try RegionCode("449902"), elsewhere = try RegionCode("449801")
        #expect(county.covers(here) && !county.covers(neighbour))
        #expect(city.covers(here) && city.covers(neighbour) && !city.covers(elsewhere))
        let otherProvince = try RegionCode("450101")
        #expect(province.covers(elsewhere) && !province.covers(otherProvince))
    }

    @Test("A patch without a county is visible to province users only")
    func regionlessPatchIsProvincial() throws {
        #expect(try user(.provinceAuditor, "440000").covers(nil))
        let city = try user(.cityReviewer, "449900")
        #expect(!city.covers(nil))
    }

    @Test("A role's jurisdiction must sit at its level: a county officer at a county, a city reviewer at a city")
    func jurisdictionLevelChecked() throws {
        #expect(throws: EnforcementError.jurisdictionDoesNotFitRole(role: .countyOfficer, jurisdiction: try RegionCode("449900"))) {
            try user(.countyOfficer, "449900")
        }
        #expect(throws: EnforcementError.self) { try user(.cityReviewer, "449901") }
        #expect(try user(.caseOfficer, "449900").role == .caseOfficer)
    }

    @Test("Usernames are 3-32 letters, digits, dots, dashes or underscores")
    func usernamesChecked() throws {
        for bad in ["ab", "李工", "a b", String(repeating: "x", count: 33)] {
            #expect(throws: EnforcementError.invalidUsername(bad)) {
                try UserAccount.validated(username: bad, displayName: "", role: .administrator, jurisdiction: try RegionCode("44"), createdAt: now)
            }
        }
    }

    @Test("Only the roles that take a step hold its permission, and a disabled user holds none")
    func permissionsByRole() throws {
        #expect(Role.allCases.filter { $0.permissions.contains(.review) } == [.administrator, .cityReviewer])
        #expect(Role.allCases.filter { $0.permissions.contains(.verify) } == [.administrator, .countyOfficer, .fieldVerifier])
        #expect(Role.allCases.filter { $0.permissions.contains(.manageUsers) } == [.administrator])
        #expect(Role.allCases.filter { $0.permissions.contains(.rectify) } == [.administrator, .countyOfficer, .caseOfficer])
        let disabled = try user(.countyOfficer, "449901").with(disabled: true)
        #expect(!disabled.may(.viewPatches))
    }

    @Test("A role is named by its code or its Chinese name")
    func roleFromText() {
        #expect(Role(text: "县级执法") == .countyOfficer)
        #expect(Role(text: "city-reviewer") == .cityReviewer)
        #expect(Role(text: "国王") == nil)
    }
}
