import Testing
@testable import Gallery

@Suite("Gallery text and links")
struct EscapingTests {
    @Test("user text is text: markup, quotes, line breaks and control characters are escaped")
    func escapesHTML() {
        #expect(HTMLText.escape("<script>alert('x')</script>") == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
        #expect(HTMLText.escape("a & \"b\"") == "a &amp; &quot;b&quot;")
        #expect(HTMLText.escape("one\ntwo\tthree\r") == "one&#10;two&#9;three&#13;")
        #expect(HTMLText.escape("bell\u{07}end\u{85}") == "bell\u{FFFD}end\u{FFFD}")
        #expect(HTMLText.escape("Grüße 🐸") == "Grüße 🐸")
    }

    @Test("links are relative to the gallery folder and percent-encoded per segment")
    func relativeLinks() {
        #expect(RelativeURL.from(folder: "/srv/my images/gallery", to: "/srv/my images/original/req_0-1a2b.png")
                == "../original/req_0-1a2b.png")
        #expect(RelativeURL.from(folder: "/srv/my images/gallery", to: "/srv/my images/original files/a #1?.png")
                == "../original%20files/a%20%231%3F.png")
        #expect(RelativeURL.from(folder: "/tmp/out", to: "/srv/x/ü.png") == "../../srv/x/%C3%BC.png")
        #expect(RelativeURL.from(folder: "/srv/g/./sub/..", to: "/srv/g/thumbs/t.webp") == "thumbs/t.webp")
        #expect(RelativeURL.encode("100%") == "100%25")
    }

    @Test("job anchors differ for ids that differ only in punctuation")
    func anchors() {
        #expect(CardRenderer.anchor(of: "batches/abc") == "job-batches_2Fabc")
        #expect(CardRenderer.anchor(of: "batches/a-b") != CardRenderer.anchor(of: "batches/a_b"))
    }

    @Test("blocked items are told from other failures")
    func statuses() {
        #expect(CardRenderer.statusWord(state: .failed, error: "blocked: PROHIBITED_CONTENT") == "blocked")
        #expect(CardRenderer.statusWord(state: .failed, error: "noImage: IMAGE_SAFETY") == "blocked")
        #expect(CardRenderer.statusWord(state: .failed, error: "error 13: internal") == "failed")
        #expect(CardRenderer.statusWord(state: .done, error: nil) == "done")
    }
}
