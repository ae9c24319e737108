// libcurl, loaded at run time with dlopen: the HTTPS engine for custom CAs, client
// certificates and tokens, which URLSession on Linux cannot do (shared/spec/swift-linux.md §2a,
// §2b). libFoundationNetworking already links libcurl.so.4, so this adds no package and no
// link flag; the library is present wherever URLSession works.
//
// ABI note, the reason this file exists as one small shim: `curl_easy_setopt` and
// `curl_easy_getinfo` are C-variadic, which Swift cannot call through a pointer. They are
// called here through non-variadic typed pointers that pass only one integer or pointer
// argument. That is sound on the x86_64 SysV and aarch64 Linux ABIs (variadic and fixed
// arguments travel in the same registers); it is NOT sound on Apple arm64, where this file is
// not used (macOS URLSession does all of this natively). Option and info numbers are
// CURLOPTTYPE_* + index from curl.h; they are ABI and never change.
#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The libcurl option numbers k8sfv uses (curl.h: LONG 0, OBJECTPOINT/STRINGPOINT/SLIST 10000,
/// FUNCTIONPOINT 20000, OFF_T 30000, BLOB 40000).
enum CurlOption: Int32 {
    case writeData = 10001, url = 10002, writeFunction = 20011, httpHeader = 10023
    case sslCert = 10025, headerData = 10029, customRequest = 10036, noProgress = 43
    case xferInfoData = 10057, postFieldSize = 60, sslVerifyPeer = 64, caInfo = 10065
    case headerFunction = 20079, sslVerifyHost = 81, sslKey = 10087, noSignal = 99
    case timeoutMS = 155, connectTimeoutMS = 156, copyPostFields = 10165, noProxy = 10177
    case lowSpeedLimit = 19, lowSpeedTime = 20, httpGet = 80
    case xferInfoFunction = 20219, sslCertBlob = 40291, sslKeyBlob = 40292, caInfoBlob = 40309
}

/// `struct curl_blob { void *data; size_t len; unsigned int flags; }`.
struct CurlBlob {
    var data: UnsafeMutableRawPointer?
    var length: Int
    var flags: UInt32
    /// CURL_BLOB_COPY: libcurl keeps its own copy, so the bytes may be freed at once.
    static let copy: UInt32 = 1
}

typealias CurlWriteCallback = @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int
typealias CurlXferInfoCallback = @convention(c) (UnsafeMutableRawPointer?, Int64, Int64, Int64, Int64) -> Int32

/// The loaded library: typed entry points, resolved once per process.
final class CurlLibrary: @unchecked Sendable {
    // Immutable after init (function pointers), hence @unchecked Sendable.
    typealias SetoptPointer = @convention(c) (OpaquePointer?, Int32, UnsafeRawPointer?) -> Int32
    typealias SetoptLong = @convention(c) (OpaquePointer?, Int32, Int) -> Int32
    typealias GetinfoLong = @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<Int>) -> Int32

    let easyInit: @convention(c) () -> OpaquePointer?
    let easyCleanup: @convention(c) (OpaquePointer?) -> Void
    let easyPerform: @convention(c) (OpaquePointer?) -> Int32
    let easyStrerror: @convention(c) (Int32) -> UnsafePointer<CChar>?
    let setoptPointer: SetoptPointer
    let setoptLong: SetoptLong
    let getinfoLong: GetinfoLong
    let slistAppend: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> OpaquePointer?
    let slistFreeAll: @convention(c) (OpaquePointer?) -> Void

    /// CURLINFO_RESPONSE_CODE (CURLINFO_LONG 0x200000 + 2).
    static let responseCodeInfo: Int32 = 0x200002

    /// The process's libcurl, or why it cannot be loaded.
    static let shared: Result<CurlLibrary, KubeClientError> = load()

    private init(handle: UnsafeMutableRawPointer) throws(KubeClientError) {
        func symbol<T>(_ name: String, _ type: T.Type) throws(KubeClientError) -> T {
            guard let pointer = dlsym(handle, name) else {
                throw KubeClientError.transport("libcurl has no symbol \(name)")
            }
            return unsafeBitCast(pointer, to: type)
        }
        easyInit = try symbol("curl_easy_init", (@convention(c) () -> OpaquePointer?).self)
        easyCleanup = try symbol("curl_easy_cleanup", (@convention(c) (OpaquePointer?) -> Void).self)
        easyPerform = try symbol("curl_easy_perform", (@convention(c) (OpaquePointer?) -> Int32).self)
        easyStrerror = try symbol("curl_easy_strerror", (@convention(c) (Int32) -> UnsafePointer<CChar>?).self)
        setoptPointer = try symbol("curl_easy_setopt", SetoptPointer.self)
        setoptLong = try symbol("curl_easy_setopt", SetoptLong.self)
        getinfoLong = try symbol("curl_easy_getinfo", GetinfoLong.self)
        slistAppend = try symbol("curl_slist_append", (@convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> OpaquePointer?).self)
        slistFreeAll = try symbol("curl_slist_free_all", (@convention(c) (OpaquePointer?) -> Void).self)
        // curl_global_init(CURL_GLOBAL_ALL) once, before threads use curl (this runs inside the
        // lazy, thread-safe initialiser of `shared`).
        let globalInit = try symbol("curl_global_init", (@convention(c) (Int) -> Int32).self)
        _ = globalInit(3)
    }

    private static func load() -> Result<CurlLibrary, KubeClientError> {
        for name in ["libcurl.so.4", "libcurl.so", "libcurl-gnutls.so.4"] {
            guard let handle = dlopen(name, RTLD_NOW) else { continue }
            do { return .success(try CurlLibrary(handle: handle)) } catch { return .failure(error) }
        }
        return .failure(.transport("cannot load libcurl (libcurl.so.4), which k8sfv uses for https; install the libcurl4 package, or run `kubectl proxy --address=127.0.0.1 --port=8001` and use --server http://127.0.0.1:8001"))
    }

    func message(_ code: Int32) -> String {
        easyStrerror(code).map { String(cString: $0) } ?? "curl error \(code)"
    }
}
