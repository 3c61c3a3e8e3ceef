import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport
import Workspace
@testable import Server

@Suite("The basemap")
struct BasemapTests {
    @Test("A Tianditu key gives its imagery and labels with subdomains 0-7 and one wildcard origin")
    func tianditu() throws {
        let basemap = try Basemap.tianditu(key: "abc123")
        #expect(basemap.imageryURL.hasPrefix("https://t{s}.tianditu.gov.cn/img_w/wmts?"))
        #expect(basemap.imageryURL.hasSuffix("TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=abc123"))
        #expect(basemap.labelsURL?.contains("/cia_w/wmts?") == true)
        #expect(basemap.subdomains == "01234567")
        #expect(basemap.imageOrigins == ["https://*.tianditu.gov.cn"])
    }

    @Test("Templates without http(s), without {z}/{x}/{y}, or with {s} but no subdomains are refused; a key must be letters and digits")
    func refusals() {
        #expect(throws: BasemapError.notHTTP("file:///tiles/{z}/{x}/{y}.png")) { try Basemap(imageryURL: "file:///tiles/{z}/{x}/{y}.png") }
        #expect(throws: BasemapError.missingPlaceholder("https://tiles.example.cn/{z}/{x}.png", "{y}")) {
            try Basemap(imageryURL: "https://tiles.example.cn/{z}/{x}.png")
        }
        #expect(throws: BasemapError.missingSubdomains("https://{s}.example.cn/{z}/{x}/{y}.png")) {
            try Basemap(imageryURL: "https://{s}.example.cn/{z}/{x}/{y}.png")
        }
        #expect(throws: BasemapError.badKey) { try Basemap.tianditu(key: "a b\"c") }
    }

    @Test("The map settings name the basemap, and the content security policy lets its tiles in")
    func settingsAndPolicy() async throws {
        let directory = TemporaryDirectory()
        let workspace = try ServerFixture.workspace(in: directory)
        var settings = ServerFixture.settings
        settings.basemap = try Basemap(imageryURL: "https://{s}.tiles.example.cn/{z}/{x}/{y}.png", subdomains: "abc", attribution: "示例")
        try await Application(router: LandWatchServer.router(workspace: workspace, settings: settings)).test(.router) { client in
            let session = try await client.signIn("dongling")
            try await client.call("/api/map-settings", as: session) { response throws in
                let basemap = try ServerFixture.object(response)["basemap"] as? [String: Any]
                #expect(basemap?["url"] as? String == "https://{s}.tiles.example.cn/{z}/{x}/{y}.png")
                #expect(basemap?["subdomains"] as? String == "abc")
                #expect(response.headers[.contentSecurityPolicy]?.contains("img-src 'self' data: blob: https://*.tiles.example.cn;") == true)
            }
        }
    }

    @Test("Without a basemap the settings say null and images stay on the site")
    func noBasemap() async throws {
        let directory = TemporaryDirectory()
        let workspace = try ServerFixture.workspace(in: directory)
        try await ServerFixture.application(workspace).test(.router) { client in
            let session = try await client.signIn("dongling")
            try await client.call("/api/map-settings", as: session) { response throws in
                #expect(try ServerFixture.object(response)["basemap"] is NSNull)
                #expect(response.headers[.contentSecurityPolicy]?.contains("img-src 'self' data: blob:;") == true)
            }
        }
    }
}
