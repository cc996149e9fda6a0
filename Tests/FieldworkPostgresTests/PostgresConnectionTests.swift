import FieldworkPostgres
import Foundation
import XCTest

final class PostgresConnectionTests: XCTestCase {
    func testConnectsWithThePasswordFromThePasswordFileAndCommitsSynchronously() throws {
        let url = try PostgresTestServer.url()
        XCTAssertNil(url.settings["password"], "the test URL must not carry the password")
        let connection = try PostgresTestServer.administrator()
        XCTAssertEqual(try connection.execute("SHOW synchronous_commit")[0].text("synchronous_commit"), "on")
        XCTAssertEqual(try connection.execute("SELECT current_user AS who")[0].text("who"), url.userName)
    }

    func testParametersArriveAsValuesNeverAsSQL() throws {
        let connection = try PostgresTestServer.administrator()
        let hostile = "x'); DROP TABLE pg_class; --"
        let allBytes = (0...255).map { UInt8($0) }
        let row = try connection.execute(
            "SELECT $1::text AS t, $2 AS b, $3::int8 AS i, $4::text AS n, $5 AS flag, length($2) AS blen",
            [.text(hostile), .bytes(allBytes), .integer(-9_007_199_254_740_993), .null, .boolean(true)])[0]
        XCTAssertEqual(row.text("t"), hostile)
        XCTAssertEqual(row.bytes("b"), allBytes)
        XCTAssertEqual(row.integer("blen"), 256)
        XCTAssertEqual(row.integer("i"), -9_007_199_254_740_993)
        XCTAssertNil(row.text("n"))
        XCTAssertEqual(row.boolean("flag"), true)
        XCTAssertEqual(try connection.execute("SELECT $1::text AS t", [.text("Zoë £5 — 日本")])[0].text("t"), "Zoë £5 — 日本")
    }

    func testAPasswordInTheURLIsRefusedWithoutEchoingIt() {
        XCTAssertThrowsError(try PostgresURL("postgresql://alice:s3cr3t@db.example.org:5432/bas")) { error in
            XCTAssertEqual(error as? PostgresError, .passwordInURL("postgresql://alice:***@db.example.org:5432/bas"))
            let text = String(describing: error)
            XCTAssertFalse(text.contains("s3cr3t"), text)
            XCTAssertTrue(text.contains("PGPASSFILE"), text)
        }
        XCTAssertThrowsError(try PostgresURL("postgresql://db.example.org/bas?sslmode=require&password=s3cr3t&connect_timeout=5")) { error in
            XCTAssertEqual(error as? PostgresError, .passwordInURL("postgresql://db.example.org/bas?sslmode=require&password=***&connect_timeout=5"))
        }
    }

    func testURLsLibpqCannotReadAreRefusedWithItsReason() {
        XCTAssertThrowsError(try PostgresURL("mysql://db/bas")) { error in
            XCTAssertTrue(String(describing: error).contains("does not start with postgresql://"), "\(error)")
        }
        XCTAssertThrowsError(try PostgresURL("postgresql://db.example.org/bas?nosuchoption=1")) { error in
            guard case .invalidURL(_, let reason) = error as? PostgresError else { return XCTFail("\(error)") }
            XCTAssertTrue(reason.contains("nosuchoption"), reason)
        }
        XCTAssertEqual(try PostgresURL("postgres://u@h:6000/d").settings["port"], "6000")
    }

    func testAServerThatIsDownGivesOneLineSayingWhatToCheck() throws {
        let port = try freePort()
        XCTAssertThrowsError(try PostgresConnection("postgresql://postgres@127.0.0.1:\(port)/fieldwork_test?connect_timeout=3")) { error in
            guard case let .connectionFailed(_, message, hint) = error as? PostgresError else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("refused"), message)
            XCTAssertTrue(hint.contains("server is running"), hint)
            XCTAssertFalse(String(describing: error).contains("\n"), "one line: \(error)")
        }
    }

    func testAnUnknownDatabaseOrRoleSaysWhatToCreate() throws {
        let base = try PostgresTestServer.url()
        let host = base.settings["host"] ?? "127.0.0.1", port = base.settings["port"] ?? "5432"
        XCTAssertThrowsError(try PostgresConnection("postgresql://postgres@\(host):\(port)/no_such_database")) { error in
            guard case let .connectionFailed(_, message, hint) = error as? PostgresError else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("no_such_database"), message)
            XCTAssertTrue(hint.contains("createdb"), hint)
        }
        XCTAssertThrowsError(try PostgresConnection("postgresql://nobody_here@\(host):\(port)/\(base.databaseName ?? "")")) { error in
            guard case let .connectionFailed(_, message, hint) = error as? PostgresError else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("nobody_here"), message)
            XCTAssertTrue(hint.contains("login role"), hint)
        }
    }

    func testAFailedStatementCarriesItsSQLStateAndAdvice() throws {
        let connection = try PostgresTestServer.administrator()
        XCTAssertThrowsError(try connection.execute("SELECT * FROM no_such_table_here")) { error in
            XCTAssertEqual((error as? PostgresError)?.sqlState, PostgresSQLState.undefinedTable)
            XCTAssertTrue(String(describing: error).contains("fieldwork store roles"), "\(error)")
        }
        // The session is still usable after a refused statement.
        XCTAssertEqual(try connection.execute("SELECT 1 AS one")[0].integer("one"), 1)
    }

    func testATransactionThatThrowsLeavesNothingBehind() throws {
        let connection = try PostgresTestServer.administrator()
        try connection.execute("CREATE TEMPORARY TABLE scratch (n int)")
        struct Abort: Error {}
        XCTAssertThrowsError(try connection.transaction { c in
            try c.execute("INSERT INTO scratch VALUES ($1)", [.integer(1)])
            throw Abort()
        })
        try connection.transaction { c in try c.execute("INSERT INTO scratch VALUES ($1)", [.integer(2)]) }
        XCTAssertEqual(try connection.execute("SELECT n FROM scratch").rows.compactMap { $0.integer("n") }, [2])
    }

    private func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
