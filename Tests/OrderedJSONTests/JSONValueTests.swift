import Testing
@testable import OrderedJSON

@Suite struct JSONValueTests {
    @Test func keepsKeyOrderAndNumberLiterals() throws {
        let text = #"{"z": 1, "a": 0.0195, "m": 85.0, "e": 1E+3, "n": -0}"#
        let value = try JSONValue.parse(text)
        #expect(value.objectValue?.keys == ["z", "a", "m", "e", "n"])
        #expect(value.serialized() == #"{"z":1,"a":0.0195,"m":85.0,"e":1E+3,"n":-0}"#)
        #expect(value["m"]?.numberValue?.intValue == 85)
        #expect(value["a"]?.numberValue?.intValue == nil)
    }

    @Test func prettyLayoutMatchesPythonIndent2() throws {
        let value = try JSONValue.parse(#"{"a": [1, {"b": null}], "c": {}, "d": []}"#)
        let expected = """
        {
          "a": [
            1,
            {
              "b": null
            }
          ],
          "c": {},
          "d": []
        }
        """
        #expect(value.serialized(style: .pretty) == expected)
    }

    @Test func stringEscapesRoundTrip() throws {
        let original = "quote \" backslash \\ newline \n tab \t bell \u{07} emoji 🐸 é"
        let text = JSONValue.string(original).serialized()
        #expect(try JSONValue.parse(text) == .string(original))
        #expect(try JSONValue.parse(#""\ud83d\udc38 \u00e9""#) == .string("🐸 é"))
    }

    @Test func duplicateKeysKeepTheLastValueAtTheFirstPosition() throws {
        let value = try JSONValue.parse(#"{"a": 1, "b": 2, "a": 3}"#)
        #expect(value.serialized() == #"{"a":3,"b":2}"#)
    }

    @Test(arguments: [
        ("", "unexpected end of input"),
        ("{", "expected a string key"),
        (#"{"a" 1}"#, "expected ':'"),
        ("[1,]", "unexpected character"),
        ("01", "unexpected text after"),
        ("nul", "unexpected end of input"),
        (#""abc"#, "unterminated string"),
        ("{} x", "unexpected text after"),
        ("1.", "digits expected"),
    ])
    func rejectsMalformedInput(text: String, message: String) {
        #expect {
            try JSONValue.parse(text)
        } throws: { error in
            (error as? JSONParseError)?.message.contains(message) == true
        }
    }

    @Test func errorsNameLineAndColumn() {
        do {
            _ = try JSONValue.parse("{\n  \"a\": 1,\n  \"b\": ]\n}")
            Issue.record("expected a parse error")
        } catch {
            #expect(error.line == 3)
            #expect(error.column == 8)
        }
    }

    @Test func editingKeepsOrder() throws {
        var value = try JSONValue.parse(#"{"x": 1, "interval": 30, "y": true}"#)
        value["interval"] = JSONValue(45)
        value["new"] = JSONValue("k")
        value["x"] = nil
        #expect(value.serialized() == #"{"interval":45,"y":true,"new":"k"}"#)
    }

    @Test func rejectsRunawayNesting() {
        let text = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
    }
}
