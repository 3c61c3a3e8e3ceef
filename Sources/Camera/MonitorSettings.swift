/// How a preset's frames are compared. The defaults are the ones measured on the shared webcam
/// sequences (docs/cameras.md): every planted change of an alarm's size found on both views, no
/// false alarm on the mountain view and 2 on the market square.
public struct MonitorSettings: Sendable, Equatable {
    /// Cell side in pixels of the half-resolution frame.
    public var cellSize = 12
    /// Past passes kept as the reference bank: a cell is changed only when it matches none of them,
    /// so the bank's spread of light and weather is what "normal" means.
    public var bankSize = 8
    /// Passes before the first comparison (the bank must hold several looks first).
    public var warmUpPasses = 4
    /// A change must be seen in this many consecutive passes, and look the same in all of them,
    /// before it alarms (持续 N 次巡检): 70 minutes on a 10-minute patrol. The longer a change
    /// must last, the fewer things set down for a while get through (chairs, parasols, a market tent,
    /// a parked lorry), while a building site or a heap lasts anyway. With 4 the market square raised
    /// 9 false alarms, with 6 it raised 3 (docs/cameras.md).
    public var persistencePasses = 7
    /// A cell whose best ZNCC against the bank is below this is changed.
    public var changedBelow: Float = 0.5
    /// A changed cell continues its run only if it matches the earlier passes of the run at least this
    /// well: a car, a person, a shadow or rain is somewhere else, or looks different, next time.
    public var consistentAbove: Float = 0.6
    /// Cells with less texture (grey-level standard deviation) than this, in the frame or the bank,
    /// are not judged: sky, fog, a dark frame.
    public var minimumTexture: Float = 3
    /// An alarm needs at least this many connected changed cells.
    public var minimumCells = 2
    /// Frames whose registration correlation is below this are skipped (fog, night, a blocked lens).
    public var minimumCorrelation = 0.2

    public init() {}
}
