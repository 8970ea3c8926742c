import PostgresSupport
import Testing

@Suite struct PostgresLocationTests {
    @Test func parsesEveryPart() throws {
        let location = try PostgresLocation(url: "postgres://coffer:p%40ss:w@db.example:6543/meta?sslmode=require")
        #expect(location.host == "db.example")
        #expect(location.port == 6543)
        #expect(location.user == "coffer")
        #expect(location.password == "p@ss:w")
        #expect(location.database == "meta")
        #expect(location.tlsMode == .require)
        #expect(location.description == "postgres://coffer@db.example:6543/meta")
    }

    @Test func defaultsPortAndTLS() throws {
        let location = try PostgresLocation(url: "postgresql://u@127.0.0.1/db")
        #expect(location.port == 5432)
        #expect(location.password == nil)
        #expect(location.tlsMode == .prefer)
    }

    @Test(arguments: [
        "mysql://u:p@h/db", "postgres://u:p@h:5432", "postgres://u:p@h:5432/", "postgres://u:p@h:notaport/db",
        "postgres://u:p@h:70000/db", "postgres://u:p@:5432/db", "postgres://h/db?sslmode=sometimes",
    ])
    func refusesBadURLs(url: String) {
        #expect(throws: PostgresLocationError.self) { try PostgresLocation(url: url) }
    }

    @Test func errorsNeverEchoThePassword() {
        do {
            _ = try PostgresLocation(url: "postgres://u:hunter2@h:99999/db")
            Issue.record("accepted a bad port")
        } catch {
            #expect(!error.description.contains("hunter2"))
        }
    }
}
