import NIOCore

/// Writes S3's XML responses: a handful of fixed shapes, elements and escaped text only.
///
/// Hand-written on purpose: the shapes are small and fixed, and a generic encoder (reflection, Codable) would cost
/// more than the request on a listing of 1,000 keys. Text is escaped for XML 1.0 (``appendEscaped(_:to:)``): every
/// document it writes is well-formed, whatever the strings it is given.
struct XMLWriter {
    /// The S3 namespace of every response document except `<Error>`.
    static let namespace = "http://s3.amazonaws.com/doc/2006-03-01/"

    private var text: String

    /// Starts a document with the XML declaration.
    init() {
        text = #"<?xml version="1.0" encoding="UTF-8"?>"#
        text.reserveCapacity(512)
    }

    /// Opens `<name>`, with the S3 namespace when `namespaced` (the root of most documents).
    mutating func open(_ name: String, namespaced: Bool = false) {
        text += namespaced ? "<\(name) xmlns=\"\(Self.namespace)\">" : "<\(name)>"
    }

    /// Opens an element with literal, already-escaped attributes (e.g. `xsi:type="Group"`).
    mutating func open(_ name: String, attributes: String) {
        text += "<\(name) \(attributes)>"
    }

    /// Closes `</name>`.
    mutating func close(_ name: String) {
        text += "</\(name)>"
    }

    /// `<name>escaped value</name>`.
    mutating func element(_ name: String, _ value: String) {
        text += "<\(name)>"
        Self.appendEscaped(value, to: &text)
        text += "</\(name)>"
    }

    /// `<name>value</name>` when `value` is not nil.
    mutating func element(_ name: String, ifPresent value: String?) {
        if let value { element(name, value) }
    }

    /// `<name>123</name>`.
    mutating func element(_ name: String, _ value: some BinaryInteger) {
        text += "<\(name)>\(value)</\(name)>"
    }

    /// `<name>true</name>` or `<name>false</name>`.
    mutating func element(_ name: String, _ value: Bool) {
        text += value ? "<\(name)>true</\(name)>" : "<\(name)>false</\(name)>"
    }

    /// Escaped text inside the open element.
    mutating func characters(_ value: String) {
        Self.appendEscaped(value, to: &text)
    }

    /// An empty element, `<name/>` (with the namespace when `namespaced`).
    mutating func empty(_ name: String, namespaced: Bool = false) {
        text += namespaced ? "<\(name) xmlns=\"\(Self.namespace)\"/>" : "<\(name)/>"
    }

    /// The finished document.
    var buffer: ByteBuffer { ByteBuffer(string: text) }

    /// The finished document as text (tests).
    var string: String { text }

    /// Appends `value` as XML 1.0 character data: markup characters as entities, a carriage return as `&#13;`
    /// (a parser would turn a literal one into a newline).
    ///
    /// XML 1.0 cannot carry U+0000-U+001F other than tab, newline and carriage return, nor U+FFFE and U+FFFF, not
    /// even as character references (`&#0;` is a fatal error to every parser). They are written as U+FFFD, so
    /// that every document stays well-formed: the store refuses new keys holding them (`ObjectKey`), so they
    /// reach a response only as an echo of a hostile request (an error's resource, a listing's prefix) or from a
    /// key stored by an older version, which `encoding-type=url` still lists exactly.
    static func appendEscaped(_ value: String, to text: inout String) {
        guard value.utf8.contains(where: Self.needsEscaping) else {
            text += value
            return
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": text += "&amp;"
            case "<": text += "&lt;"
            case ">": text += "&gt;"
            case "\"": text += "&quot;"
            case "\n", "\t": text.unicodeScalars.append(scalar)
            case "\r": text += "&#13;"
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                text.unicodeScalars.append("\u{FFFD}")
            default: text.unicodeScalars.append(scalar)
            }
        }
    }

    /// Whether a UTF-8 byte may need escaping; 0xEF leads U+FFFE and U+FFFF (and other scalars, checked then).
    private static func needsEscaping(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), 0xEF: true
        case UInt8(ascii: "\n"), UInt8(ascii: "\t"): false
        default: byte < 0x20
        }
    }
}
