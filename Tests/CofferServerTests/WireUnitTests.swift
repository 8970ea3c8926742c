import CofferServer
import Foundation
import HTTPSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KMS
import NIOCore
import SigV4
import Testing

@testable import KMSAPI

@Suite("Wire layer units")
struct WireUnitTests {
    @Test("request ids are lowercase version-4 UUIDs")
    func requestIdentifiers() {
        let id = RequestIdentifier.make()
        let parts = id.split(separator: "-")
        #expect(parts.map(\.count) == [8, 4, 4, 4, 12])
        #expect(id == id.lowercased())
        #expect(parts[2].first == "4")
        #expect(["8", "9", "a", "b"].contains(parts[3].first))
        #expect(RequestIdentifier.make() != id)
    }

    @Test("KMSError maps to its __type; only KMSInternalException is a 500")
    func domainErrorMapping() {
        let notFound = KMSWireError(KMSError.invalidKeyId("x"))
        #expect(notFound.type == "NotFoundException")
        #expect(notFound.status == .badRequest)
        #expect(notFound.message == "Invalid keyId 'x'")
        #expect(KMSWireError(KMSError.internalFailure).status == .internalServerError)
    }

    @Test("unknown errors become KMSInternalException without their description")
    func unknownErrors() {
        struct Secret: Error, CustomStringConvertible { var description: String { "key bytes" } }
        let rendered = KMSWireError(rendering: Secret())
        #expect(rendered == .internalFailure)
        #expect(!rendered.message.contains("key bytes"))
    }

    @Test("several violations are counted and joined with semicolons")
    func validatorJoinsViolations() {
        var validator = ShapeValidator()
        validator.keyId(nil)
        validator.value(0, "numberOfBytes", 1...1024)
        #expect(
            throws: KMSWireError.validation(
                "2 validation errors detected: Value null at 'keyId' failed to satisfy constraint: Member must not be "
                    + "null; Value '0' at 'numberOfBytes' failed to satisfy constraint: Member must have value greater "
                    + "than or equal to 1"
            )
        ) { try validator.check() }
    }

    @Test("environment credentials need both halves")
    func environmentCredentials() throws {
        var configuration = CofferConfiguration()
        #expect(configuration.usesDefaultCredentials)
        try configuration.apply(environment: ["COFFER_ACCESS_KEY_ID": "AKID", "COFFER_SECRET_ACCESS_KEY": "s"])
        #expect(configuration.accessKeyId == "AKID")
        #expect(!configuration.usesDefaultCredentials)
        #expect(throws: CofferConfigurationError.self) {
            try configuration.apply(environment: ["COFFER_ACCESS_KEY_ID": "AKID"])
        }
        try configuration.apply(environment: ["COFFER_KMS_ROOT_KEY": "abc"])
        #expect(configuration.kmsRootKey == "abc")
    }

    @Test("the credential store resolves principals and never prints secrets")
    func credentialStore() {
        let credential = Credential.root(accessKeyId: "AKID", secretAccessKey: "hunter2", accountId: "111122223333")
        let store = CredentialStore([credential])
        #expect(store.secretLookup("AKID") == "hunter2")
        #expect(store.secretLookup("OTHER") == nil)
        #expect(store.principal(forAccessKeyId: "AKID")?.arn == "arn:aws:iam::111122223333:root")
        #expect(!"\(credential)".contains("hunter2"))
    }
}
