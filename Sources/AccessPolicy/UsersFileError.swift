/// Why a users file was rejected. Messages name the user (or its position) and never contain secrets.
public struct UsersFileError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case notJSON, invalidShape, invalidUser, invalidPolicy, duplicateAccessKey, duplicateUser
    }

    private let code: Code
    /// What is wrong, for the operator.
    public let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "Invalid users file: \(self.message)" }

    public static func == (lhs: UsersFileError, rhs: UsersFileError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(self.code) }

    /// The file is not JSON.
    public static let notJSON = UsersFileError(.notJSON, "The users file is not valid JSON.")
    /// The file is not `{"users": [...]}`.
    public static let invalidShape = UsersFileError(
        .invalidShape, "The users file must be a JSON object with one field, \"users\", an array of users.")
    /// Any invalid user entry (for comparisons).
    public static let invalidUser = UsersFileError(.invalidUser, "")
    /// Any invalid user policy (for comparisons).
    public static let invalidPolicy = UsersFileError(.invalidPolicy, "")
    /// Any reused access key id (for comparisons).
    public static let duplicateAccessKey = UsersFileError(.duplicateAccessKey, "")
    /// Any user listed twice (for comparisons).
    public static let duplicateUser = UsersFileError(.duplicateUser, "")

    static func invalidUser(position: Int, _ detail: String) -> UsersFileError {
        .init(.invalidUser, "User #\(position): \(detail)")
    }
    static func invalidUser(named name: String, _ detail: String) -> UsersFileError {
        .init(.invalidUser, "User '\(name)': \(detail)")
    }
    static func invalidPolicy(user: String, _ error: PolicyError) -> UsersFileError {
        .init(.invalidPolicy, "User '\(user)': invalid policy: \(error.message)")
    }
    static func duplicateAccessKey(user: String) -> UsersFileError {
        .init(.duplicateAccessKey, "User '\(user)': its accessKeyId is already used by another user or the root user.")
    }
    static func duplicateUser(_ name: String, accountId: String) -> UsersFileError {
        .init(.duplicateUser, "User '\(name)' appears more than once in account \(accountId).")
    }
}
