// Certificates for an HTTPS stand-in, made at test time with the `openssl` CLI (.ci/run
// installs it): a CA, a server certificate for 127.0.0.1/localhost, client certificates with an
// RSA (PKCS#8) and an EC (SEC1) key, and a second CA nobody trusts. Recipe:
// shared/spec/swift-linux.md, "Reproducing the probes". For tests only: the keys are
// throwaway and live in a temporary directory.

import Foundation
#if canImport(Glibc)
import Glibc
#endif

public struct StandInCertificates: Sendable {
    public let directory: URL
    /// A file of the set: ca.crt, server.crt/key, client-rsa.crt/key, client-ec.crt/key, other-ca.crt.
    public func path(_ name: String) -> String { directory.appendingPathComponent(name).path }
    public func pem(_ name: String) throws -> Data { try Data(contentsOf: directory.appendingPathComponent(name)) }

    public static let openssl: String? = ["/usr/bin/openssl", "/usr/local/bin/openssl", "/bin/openssl"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    /// Tests run when openssl is there, and always in CI (where its absence must fail them).
    public static var enabledOrCI: Bool { openssl != nil || !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty }

    /// Made once per test process.
    static let shared: Result<StandInCertificates, any Error> = Result { try make() }

    static func make() throws -> StandInCertificates {
        guard let openssl else { throw StandInCertificateError(message: "openssl not found; apt-get install -y openssl") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("k8sfv-tls-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        func run(_ arguments: [String]) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: openssl)
            process.arguments = arguments
            process.currentDirectoryURL = dir
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw StandInCertificateError(message: "openssl \(arguments.joined(separator: " ")) failed")
            }
        }
        func write(_ name: String, _ text: String) throws { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
        try write("server.ext", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n")
        try write("client.ext", "extendedKeyUsage=clientAuth\n")
        for ca in ["ca", "other-ca"] {
            try run(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "\(ca).key", "-out", "\(ca).crt",
                     "-days", "2", "-subj", "/CN=k8sfv-test-\(ca)"])
        }
        // Server: RSA key, signed by ca.
        try run(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"])
        try run(["x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                 "-out", "server.crt", "-days", "2", "-extfile", "server.ext"])
        // Client with an RSA key (PKCS#8, what openssl req writes).
        try run(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "client-rsa.key", "-out", "client-rsa.csr", "-subj", "/CN=k8sfv-rsa/O=system:masters"])
        try run(["x509", "-req", "-in", "client-rsa.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                 "-out", "client-rsa.crt", "-days", "2", "-extfile", "client.ext"])
        // Client with an EC P-256 key in SEC1 form (what kind and kubeadm write).
        try run(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "client-ec.key"])
        try run(["req", "-new", "-key", "client-ec.key", "-out", "client-ec.csr", "-subj", "/CN=k8sfv-ec/O=system:masters"])
        try run(["x509", "-req", "-in", "client-ec.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                 "-out", "client-ec.crt", "-days", "2", "-extfile", "client.ext"])
        return StandInCertificates(directory: dir)
    }

    public static func get() throws -> StandInCertificates { try shared.get() }

    /// The stand-in's TLS set-up with these files; `requireClientCertificate` adds mTLS.
    public func tls(requireClientCertificate: Bool) -> StandInTLS {
        StandInTLS(certificatePath: path("server.crt"), keyPath: path("server.key"),
                   clientCAPath: requireClientCertificate ? path("ca.crt") : nil)
    }
}

public struct StandInCertificateError: Error, CustomStringConvertible {
    var message: String
    public var description: String { message }
}
