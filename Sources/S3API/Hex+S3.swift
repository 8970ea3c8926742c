import TextCodings

extension Hex {
    /// `bytes` as space-separated two-digit hex, as S3 reports `StringToSignBytes`.
    static func spacedBytes(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { encode(CollectionOfOne($0)) }.joined(separator: " ")
    }
}
