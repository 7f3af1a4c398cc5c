import Testing
@testable import OrderedJSON

/// Text that a Swift string cannot hold exactly is refused when asked (`exactText`), never changed.
@Suite struct ExactTextTests {
    @Test func invalidUTF8IsRefusedAndShownInHex() throws {
        let bytes = Array(#"{"batches/ab"#.utf8) + [0xFF] + Array(#"c": 1}"#.utf8)
        do {
            _ = try JSONValue.parse(bytes, exactText: true)
            Issue.record("expected a refusal")
        } catch {
            #expect(error.kind == .inexactText)
            #expect(error.description.contains(#""batches/ab\xFFc" holds invalid UTF-8"#), "\(error)")
            #expect(error.line == 1)
        }
        // Without exactText the old reading stands: U+FFFD, as a lenient reader of other files wants.
        let lenient = try JSONValue.parse(bytes)
        #expect(lenient.objectValue?.keys == ["batches/ab\u{FFFD}c"])
    }

    @Test(arguments: [#"{"batches/x\ud800": 1}"#, #"{"a": "\udc00"}"#, #"{"a": "\ud800\u0041"}"#])
    func loneSurrogatesAreRefused(text: String) {
        #expect {
            try JSONValue.parse(text, exactText: true)
        } throws: { error in
            (error as? JSONParseError)?.kind == .inexactText && "\(error)".contains("lone surrogate")
        }
        #expect(throws: Never.self) { try JSONValue.parse(text) }
    }

    @Test func validTextIsReadAsBefore() throws {
        let value = try JSONValue.parse(#"{"k": "\ud83d\ude00 caf\u00e9 \u0000 ok", "é": "ü"}"#, exactText: true)
        #expect(value["k"]?.stringValue == "😀 café \u{0} ok")
        #expect(value["é"]?.stringValue == "ü")
    }

    @Test func delAndC1ControlsAreEscapedOnOutput() throws {
        let text = "a\u{7F}b\u{9B}c\u{1B}d\u{85}é"
        let json = JSONValue.string(text).serialized()
        #expect(json == #""a\u007fb\u009bc\u001bd\u0085é""#)
        #expect(!json.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        #expect(try JSONValue.parse(json).stringValue == text)
    }
}
