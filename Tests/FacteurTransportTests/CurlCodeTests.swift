import FacteurTransport
import Testing

@Suite struct CurlCodeTests {
    @Test("libcurl's TLS failures are named as one predicate, and nothing else is taken for one")
    func tls() {
        let tls: Set<Int> = [35, 51, 53, 54, 58, 59, 60, 64, 66, 77, 80, 82, 83, 90, 91, 98]
        for raw in 0...100 { #expect(CurlCode(rawValue: raw).isTLSFailure == tls.contains(raw), "curl \(raw)") }
    }

    @Test("no connection, a cut-off conversation and a refused login have their names")
    func names() {
        #expect([5, 6, 7].allSatisfy { CurlCode(rawValue: $0).isNoConnection })
        #expect(!CurlCode.operationTimedOut.isNoConnection)
        #expect(CurlCode(rawValue: 28).isCutOff && CurlCode(rawValue: 56).isCutOff && !CurlCode(rawValue: 55).isCutOff)
        #expect(CurlCode.loginDenied.rawValue == 67 && CurlCode.remoteFileNotFound.rawValue == 78)
    }
}
