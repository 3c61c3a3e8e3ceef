import CXGBoost
import Foundation

/// A binary classifier of gradient-boosted trees on XGBoost's C API (`XGBoosterCreate`,
/// `XGBoosterUpdateOneIter`, `XGBoosterPredictFromDense`): the one owner of an XGBoost booster handle. The model
/// travels as XGBoost's own JSON (`XGBoosterSaveModelToBuffer` / `XGBoosterLoadModelFromBuffer`).
/// XGBoost does not promise that a booster may predict on several threads at once, so every call
/// goes through one lock; XGBoost spreads each call over all cores itself.
final class GradientBoostedTrees: @unchecked Sendable {
    private let booster: BoosterHandle
    private let lock = NSLock()

    struct Parameters: Sendable {
        var rounds = 160
        var maximumDepth = 6
        var learningRate = 0.1
        var subsample = 0.8
        var columnSample = 0.8
        var seed = 7
    }

    /// Trains on `rows` × `columns` features (row-major) with 0/1 `labels` and per-row `weights`.
    init(features: [Float], rows: Int, columns: Int, labels: [Float], weights: [Float], parameters: Parameters) throws(DetectionError) {
        let matrix = try Self.matrix(features, rows: rows, columns: columns)
        defer { XGDMatrixFree(matrix) }
        try Self.check("XGDMatrixSetFloatInfo") { XGDMatrixSetFloatInfo(matrix, "label", labels, UInt64(labels.count)) }
        try Self.check("XGDMatrixSetFloatInfo") { XGDMatrixSetFloatInfo(matrix, "weight", weights, UInt64(weights.count)) }
        booster = try Self.newBooster(training: matrix)
        let settings: [(String, String)] = [
            ("objective", "binary:logistic"), ("tree_method", "hist"), ("max_depth", "\(parameters.maximumDepth)"),
            ("eta", "\(parameters.learningRate)"), ("subsample", "\(parameters.subsample)"),
            ("colsample_bytree", "\(parameters.columnSample)"), ("seed", "\(parameters.seed)"),
            ("nthread", "\(ProcessInfo.processInfo.activeProcessorCount)"), ("verbosity", "0"),
        ]
        for (name, value) in settings {
            try Self.check("XGBoosterSetParam(\(name))") { XGBoosterSetParam(booster, name, value) }
        }
        for round in 0..<parameters.rounds {
            try Self.check("XGBoosterUpdateOneIter") { XGBoosterUpdateOneIter(booster, Int32(round), matrix) }
        }
    }

    /// Restores a model from XGBoost's JSON.
    init(json: Data) throws(DetectionError) {
        booster = try Self.newBooster(training: nil)
        try Self.check("XGBoosterLoadModelFromBuffer") {
            json.withUnsafeBytes { XGBoosterLoadModelFromBuffer(booster, $0.baseAddress, UInt64($0.count)) }
        }
        try Self.check("XGBoosterSetParam(nthread)") {
            XGBoosterSetParam(booster, "nthread", "\(ProcessInfo.processInfo.activeProcessorCount)")
        }
    }

    deinit { XGBoosterFree(booster) }

    /// The probability of change for each of `rows` feature rows (row-major, `columns` each; NaN is
    /// missing). XGBoost reads them where they are (`XGBoosterPredictFromDense`, given their address
    /// in an array interface): a DMatrix would copy them into its own sparse rows first, twice their
    /// size in fresh memory per tile.
    func probabilities(features: [Float], rows: Int, columns: Int) throws(DetectionError) -> [Float] {
        guard rows > 0 else { return [] }
        precondition(features.count == rows * columns, "one value per row and column")
        let config = #"{"type": 0, "training": false, "iteration_begin": 0, "iteration_end": 0, "strict_shape": false, "cache_id": 0, "missing": NaN}"#
        lock.lock()
        defer { lock.unlock() }
        return try features.withUnsafeBufferPointer { values throws(DetectionError) in
            let address = UInt(bitPattern: values.baseAddress)
            let array = #"{"data": [\#(address), true], "shape": [\#(rows), \#(columns)], "typestr": "<f4", "version": 3}"#
            var shape: UnsafePointer<UInt64>?
            var dimensions: UInt64 = 0
            var result: UnsafePointer<Float>?
            try Self.check("XGBoosterPredictFromDense") {
                XGBoosterPredictFromDense(booster, array, config, nil, &shape, &dimensions, &result)
            }
            guard let result, let shape, dimensions == 1, Int(shape[0]) == rows else {
                throw .xgboost(call: "XGBoosterPredictFromDense", message: "no \(rows) predictions")
            }
            return Array(UnsafeBufferPointer(start: result, count: rows))
        }
    }

    /// The model as XGBoost's JSON.
    func json() throws(DetectionError) -> Data {
        lock.lock()
        defer { lock.unlock() }
        var length: UInt64 = 0
        var buffer: UnsafePointer<CChar>?
        try Self.check("XGBoosterSaveModelToBuffer") { XGBoosterSaveModelToBuffer(booster, "{\"format\": \"json\"}", &length, &buffer) }
        guard let buffer else { throw .xgboost(call: "XGBoosterSaveModelToBuffer", message: "no buffer") }
        return Data(bytes: buffer, count: Int(length))
    }

    private static func matrix(_ features: [Float], rows: Int, columns: Int) throws(DetectionError) -> DMatrixHandle {
        precondition(features.count == rows * columns, "one value per row and column")
        var matrix: DMatrixHandle?
        try check("XGDMatrixCreateFromMat") { XGDMatrixCreateFromMat(features, UInt64(rows), UInt64(columns), .nan, &matrix) }
        guard let matrix else { throw .xgboost(call: "XGDMatrixCreateFromMat", message: "no matrix") }
        return matrix
    }

    private static func newBooster(training matrix: DMatrixHandle?) throws(DetectionError) -> BoosterHandle {
        var booster: BoosterHandle?
        var matrices: [DMatrixHandle?] = matrix.map { [$0] } ?? []
        try check("XGBoosterCreate") { XGBoosterCreate(&matrices, UInt64(matrices.count), &booster) }
        guard let booster else { throw .xgboost(call: "XGBoosterCreate", message: "no booster") }
        return booster
    }

    private static func check(_ call: String, _ body: () -> Int32) throws(DetectionError) {
        guard body() == 0 else { throw .xgboost(call: call, message: lastError()) }
    }

    /// The first line of `XGBGetLastError`'s message, without the time and source line XGBoost's log
    /// puts before it (`[08:01:02] ./src/common/json.cc:407: `) and the excerpt or native stack trace
    /// it puts after it: a dozen lines that tell a clerk nothing and would bury the message.
    static func lastError() -> String {
        let text = XGBGetLastError().map { String(cString: $0) } ?? ""
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let message = line.replacing(#/^\[[0-9:]+\] \S+:[0-9]+: /#, with: "").trimmingCharacters(in: .whitespaces)
        return message.isEmpty ? "unknown" : message
    }
}
