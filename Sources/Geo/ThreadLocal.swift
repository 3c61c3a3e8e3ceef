#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One instance of `Value` per thread, created on first use and released when the thread ends.
/// This is how C handles that must never cross threads (a GEOS context, a PROJ context with its
/// cached transforms) are owned: each thread gets its own, and nothing else holds them.
final class ThreadLocal<Value: AnyObject>: @unchecked Sendable {
    // @unchecked: the key is written once in init and only read afterwards.
    private var key = pthread_key_t()
    private let make: @Sendable () -> Value

    init(_ make: @escaping @Sendable () -> Value) {
        self.make = make
        pthread_key_create(&key) { pointer in
            guard let pointer else { return }
            Unmanaged<AnyObject>.fromOpaque(pointer).release()
        }
    }

    var value: Value {
        if let pointer = pthread_getspecific(key) {
            return Unmanaged<AnyObject>.fromOpaque(pointer).takeUnretainedValue() as! Value
        }
        let value = make()
        pthread_setspecific(key, Unmanaged.passRetained(value as AnyObject).toOpaque())
        return value
    }
}
