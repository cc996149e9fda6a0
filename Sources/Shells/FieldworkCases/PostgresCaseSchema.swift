/// The case store's tables on PostgreSQL, in the survey's own schema (beside the journal's
/// `events`): the same columns as `CaseDatabaseSchema` on SQLite, with times kept as seconds since
/// 1970 in `float8` so both stores hold the same instants to the same precision.
enum PostgresCaseSchema {
    /// Checks a schema name is plain (`[a-z][a-z0-9_]{0,39}`, as `PostgresSurveySchema` requires),
    /// since it is written into SQL as an identifier.
    static func checkedName(_ name: String) throws -> String {
        let bytes = Array(name.utf8)
        let plain = !bytes.isEmpty && bytes.count <= 40 && (97...122).contains(bytes[0])
            && bytes.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == UInt8(ascii: "_") }
        guard plain, !name.hasPrefix("pg_"), name != "public", name != "information_schema" else {
            throw CaseStoreError.invalidConfiguration(
                "\"\(name)\" cannot name a survey on PostgreSQL: use 1–40 lowercase letters, digits and _, starting with a letter")
        }
        return name
    }

    /// Creates the tables when missing (idempotent).
    static func script(schema s: String) -> String {
        """
        CREATE SCHEMA IF NOT EXISTS "\(s)";
        CREATE TABLE IF NOT EXISTS "\(s)".cases (
            seq bigserial PRIMARY KEY,
            id text NOT NULL UNIQUE,
            fields text NOT NULL,
            status text NOT NULL,
            final_code text,
            tier integer,
            queue integer,
            due_at float8 NOT NULL DEFAULT 0,
            next_eligible_at float8 NOT NULL DEFAULT 0,
            tried_parts integer NOT NULL DEFAULT 0,
            attempts integer NOT NULL DEFAULT 0,
            ever_eligible boolean NOT NULL DEFAULT false,
            soft_refusals integer NOT NULL DEFAULT 0,
            withheld boolean NOT NULL DEFAULT false,
            lease_holder text,
            lease_expires float8,
            appointment_id bigint,
            imported_at float8 NOT NULL,
            import_source text NOT NULL,
            last_outcome text,
            interim_code text,
            replicate integer,
            released boolean NOT NULL DEFAULT true
        );
        CREATE INDEX IF NOT EXISTS cases_pick ON "\(s)".cases (queue, next_eligible_at, seq) WHERE queue IS NOT NULL;
        CREATE INDEX IF NOT EXISTS cases_id_lower ON "\(s)".cases (lower(id));
        CREATE TABLE IF NOT EXISTS "\(s)".attempts (
            case_seq bigint NOT NULL REFERENCES "\(s)".cases (seq),
            number integer NOT NULL,
            at float8 NOT NULL,
            interviewer text NOT NULL,
            outcome text NOT NULL,
            note text NOT NULL DEFAULT '',
            part_of_day text NOT NULL,
            resulting_status text NOT NULL,
            final_code text,
            disposition_rule text,
            PRIMARY KEY (case_seq, number)
        );
        CREATE TABLE IF NOT EXISTS "\(s)".appointments (
            id bigserial PRIMARY KEY,
            case_seq bigint NOT NULL REFERENCES "\(s)".cases (seq),
            kind text NOT NULL,
            start_local text NOT NULL,
            end_local text,
            time_zone text,
            at float8 NOT NULL,
            until float8 NOT NULL,
            set_by text NOT NULL,
            set_at float8 NOT NULL,
            active boolean NOT NULL
        );
        CREATE INDEX IF NOT EXISTS appointments_case ON "\(s)".appointments (case_seq);
        CREATE INDEX IF NOT EXISTS appointments_active_at ON "\(s)".appointments (at) WHERE active;
        CREATE TABLE IF NOT EXISTS "\(s)".finalisations (
            id bigserial PRIMARY KEY,
            case_seq bigint NOT NULL REFERENCES "\(s)".cases (seq),
            at float8 NOT NULL,
            final_code text NOT NULL,
            rule text NOT NULL,
            finalised_by text NOT NULL
        );
        CREATE TABLE IF NOT EXISTS "\(s)".case_meta (key text PRIMARY KEY, value text NOT NULL)
        """
    }
}
