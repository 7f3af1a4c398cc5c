import OrderedJSON

/// FlyingFox exports a `JSONValue` too; inside the emulator the name means the project's ordered one,
/// so response bodies keep their key order as the real service's do.
typealias JSONValue = OrderedJSON.JSONValue
