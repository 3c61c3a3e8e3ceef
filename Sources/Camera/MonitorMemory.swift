/// What a `PresetMonitor` must keep between runs: the passes of its reference bank and of the current
/// persistence run, each by the frame it came from and the alignment found for it, and each cell's
/// streak. Frames are kept anyway (evidence for the duty officer), so the memory stays a few
/// kilobytes and the cells are recomputed from the frames, exactly, when the monitor is rebuilt.
public struct MonitorMemory: Sendable, Codable, Equatable {
    public struct Pass: Sendable, Codable, Equatable {
        /// The frame's name in the store.
        public let frame: String
        public let alignment: FrameAlignment
        /// Per cell, whether this pass's look of the cell is part of the reference.
        public var usable: [Bool]

        public init(frame: String, alignment: FrameAlignment, usable: [Bool]) {
            self.frame = frame
            self.alignment = alignment
            self.usable = usable
        }

        private enum CodingKeys: String, CodingKey { case frame, alignment, usable }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            frame = try container.decode(String.self, forKey: .frame)
            alignment = try container.decode(FrameAlignment.self, forKey: .alignment)
            usable = try container.decode(String.self, forKey: .usable).map { $0 == "1" }
        }

        /// `usable` as a string of 0 and 1: a thousand cells in a kilobyte, not in ten.
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(frame, forKey: .frame)
            try container.encode(alignment, forKey: .alignment)
            try container.encode(String(usable.map { $0 ? "1" : "0" }), forKey: .usable)
        }
    }

    public var bank: [Pass]
    public var run: [Pass]
    public var streak: [Int]

    public init(bank: [Pass], run: [Pass], streak: [Int]) {
        self.bank = bank
        self.run = run
        self.streak = streak
    }
}
