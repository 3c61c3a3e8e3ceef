import Enforcement
import Foundation
import Geo
import GeoIO
import Testing
import TestSupport
import Workspace

/// 汇交: the exported patches carry where each stands in the loop and how it was determined.
@Suite("Exporting a batch with its determinations")
struct WorkflowExportTests {
    typealias F = WorkflowFixture

    /// A legal (approved), an illegal (approved) and an assigned-only patch, exported as `format`.
    func exported(_ format: VectorFormat, in directory: TemporaryDirectory) throws -> (features: [String: [String: AttributeValue]], areas: [String: Area]) {
        let workspace = try F.workspace(F.specs(["L", "I", "A"], region: "440103"), in: directory)
        _ = try workspace.assign(batch: F.batch, dueInDays: 30, signature: F.assigner)
        try F.approve("L", as: F.legal, in: workspace)
        try F.approve("I", as: F.illegal, in: workspace)
        let out = directory.path("汇交.\(format == .shp ? "shp" : "gpkg")")
        _ = try BatchExport(batchCode: F.batch, format: format, outputPath: out).run(in: workspace)
        var features: [String: [String: AttributeValue]] = [:]
        try VectorSource(path: out).layer().forEachFeature { features[$0.attributes["JCBH"]?.text ?? ""] = $0.attributes }
        let areas = try Dictionary(uniqueKeysWithValues: ["L", "I", "A"].map { ($0, try F.area($0, in: workspace)) })
        return (features, areas)
    }

    func real(_ value: AttributeValue?) -> Double? {
        if case .real(let number) = value { return number }
        return nil
    }

    @Test("A GBK shapefile carries status, category, sub-type, document and areas by category", arguments: [VectorFormat.shp, .gpkg])
    func determinationFieldsReadBack(format: VectorFormat) throws {
        let directory = TemporaryDirectory()
        let (features, areas) = try exported(format, in: directory)
        let legal = try #require(features["L"])
        #expect(legal["ZT"]?.text == "已审核")
        #expect(legal["XFXQ"]?.text == "440103")
        #expect(legal["PDLX"]?.text == "合法")
        #expect(legal["PDZL"]?.text == "HF01 已批准用地")
        #expect(legal["PZWH"]?.text == "粤府土〔2024〕12号")
        #expect(abs((real(legal["HFMJ"]) ?? -1) - areas["L"]!.squareMetres) < 1e-6)
        #expect(real(legal["WFMJ"]) == 0)
        let illegal = try #require(features["I"])
        #expect(illegal["PDLX"]?.text == "违法")
        #expect(illegal["PDZL"]?.text == "WF01 未批先建")
        #expect(abs((real(illegal["WFMJ"]) ?? -1) - areas["I"]!.squareMetres) < 1e-6)
        #expect(illegal["HCRQ"]?.text == "2024-04-05")
    }

    @Test("A patch not yet determined exports its status and deadline with empty determination fields")
    func undeterminedPatchHasEmptyFields() throws {
        let directory = TemporaryDirectory()
        let assigned = try #require(try exported(.shp, in: directory).features["A"])
        #expect(assigned["ZT"]?.text == "待核查")
        #expect(assigned["HCQX"]?.text == "2024-05-01")
        #expect(assigned["PDLX"]?.text == nil)
        #expect(assigned["WFMJ"]?.text == nil)
    }
}
