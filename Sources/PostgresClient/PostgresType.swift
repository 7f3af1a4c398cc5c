/// How a result column's text is to be read, from its type OID (results come in text format).
public enum PostgresType: Sendable, Hashable {
    case integer, real, numeric, boolean, text

    /// The built-in type OIDs (pg_type.dat); anything else reads as text.
    init(oid: UInt32) {
        switch oid {
        case 20, 21, 23, 26: self = .integer   // int8, int2, int4, oid
        case 700, 701: self = .real            // float4, float8
        case 1700: self = .numeric
        case 16: self = .boolean
        default: self = .text
        }
    }
}
