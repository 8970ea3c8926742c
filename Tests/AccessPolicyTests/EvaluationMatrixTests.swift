import AccessPolicy
import Testing

/// One cell of the matrix: a principal calls an action on the key under a key policy.
struct MatrixCell: Sendable, CustomTestStringConvertible {
    let policy: KeyPolicies.ID
    let principal: PrincipalRef
    let action: String
    let viaS3: Bool
    let expected: Expected
    /// The AWS rule that decides the cell.
    let rule: String

    var testDescription: String {
        "\(self.policy.rawValue) × \(Cast.name(of: self.principal)) × \(self.action)\(self.viaS3 ? " via S3" : "")"
            + " → \(self.expected)"
    }
}

// Rules, as numbered in `PolicyEvaluator`'s documentation:
// R1 an applicable Deny in the key policy or an identity policy wins.
// R2 same account: the key policy naming the caller (ARN, "*", or the account for root) suffices.
// R2d same account: the key policy allowing the account delegates to IAM; an identity policy must allow
//     (root needs none). Without an applicable key-policy allow, IAM allows are ignored.
// R3 cross account: key policy (caller, its account or "*") AND the caller's identity policy must allow.
// R5 otherwise implicit deny: resource-based when the key policy has no applicable allow, else identity-based.
private let a = Cast.self
private let d = "kms:Decrypt"
private let g = "kms:GenerateDataKey"
private let p = "kms:PutKeyPolicy"
private let noKeyAllow = Expected.implicitDeny(.resourceBased)
private let noIAMAllow = Expected.implicitDeny(.identityBased)

private func cell(
    _ policy: KeyPolicies.ID, _ principal: PrincipalRef, _ action: String, _ expected: Expected, _ rule: String,
    viaS3: Bool = false
) -> MatrixCell {
    MatrixCell(policy: policy, principal: principal, action: action, viaS3: viaS3, expected: expected, rule: rule)
}

private let matrix: [MatrixCell] = [
    // Default policy: root is named (as the account); everyone else of A goes through IAM; B is not allowed.
    cell(.awsDefault, a.root, d, .allow, "R2: the root statement names root's account"),
    cell(.awsDefault, a.root, g, .allow, "R2: the root statement names root's account"),
    cell(.awsDefault, a.root, p, .allow, "R2: kms:* includes PutKeyPolicy"),
    cell(.awsDefault, a.alice, d, .allow, "R2d: delegation + alice's IAM allows Decrypt on A's keys"),
    cell(.awsDefault, a.alice, g, .allow, "R2d: delegation + IAM kms:GenerateDataKey* matches"),
    cell(.awsDefault, a.alice, p, noIAMAllow, "R2d/R5: delegation, but alice's IAM does not allow PutKeyPolicy"),
    cell(.awsDefault, a.bob, d, noIAMAllow, "R2d/R5: delegation, but bob has no IAM policy"),
    cell(.awsDefault, a.bob, g, noIAMAllow, "R2d/R5: delegation, but bob has no IAM policy"),
    cell(.awsDefault, a.bob, p, noIAMAllow, "R2d/R5: delegation, but bob has no IAM policy"),
    cell(.awsDefault, a.carol, d, noKeyAllow, "R3/R5: the key policy does not allow account B"),
    cell(.awsDefault, a.carol, g, noKeyAllow, "R3/R5: the key policy does not allow account B"),
    cell(.awsDefault, a.carol, p, noKeyAllow, "R3/R5: the key policy does not allow account B"),
    cell(.awsDefault, a.dave, d, noKeyAllow, "R3/R5: the key policy does not allow account B"),
    cell(.awsDefault, a.dave, g, noKeyAllow, "R3/R5: the key policy does not allow account B"),
    cell(.awsDefault, a.dave, p, noKeyAllow, "R3/R5: the key policy does not allow account B"),

    // Custom policy naming alice, with the delegation, and account B allowed Decrypt/GenerateDataKey.
    cell(.namesAlice, a.root, d, .allow, "R2: the root statement"),
    cell(.namesAlice, a.root, g, .allow, "R2: the root statement"),
    cell(.namesAlice, a.root, p, .allow, "R2: the root statement"),
    cell(.namesAlice, a.alice, d, .allow, "R2: the key policy names alice"),
    cell(.namesAlice, a.alice, g, .allow, "R2: the key policy names alice (kms:GenerateDataKey*)"),
    cell(.namesAlice, a.alice, p, noIAMAllow, "R2d/R5: only the delegation covers PutKeyPolicy; IAM does not allow"),
    cell(.namesAlice, a.bob, d, noIAMAllow, "R2d/R5: delegation only, bob has no IAM policy"),
    cell(.namesAlice, a.bob, g, noIAMAllow, "R2d/R5: delegation only, bob has no IAM policy"),
    cell(.namesAlice, a.bob, p, noIAMAllow, "R2d/R5: delegation only, bob has no IAM policy"),
    cell(.namesAlice, a.carol, d, .allow, "R3: key policy allows account B and carol's IAM allows the key ARN"),
    cell(.namesAlice, a.carol, g, .allow, "R3: key policy allows account B and carol's IAM allows the key ARN"),
    cell(.namesAlice, a.carol, p, noKeyAllow, "R3/R5: carol's IAM allows PutKeyPolicy but the key policy does not"),
    cell(.namesAlice, a.dave, d, noIAMAllow, "R3/R5: the key policy allows B, but dave has no IAM policy"),
    cell(.namesAlice, a.dave, g, noIAMAllow, "R3/R5: the key policy allows B, but dave has no IAM policy"),
    cell(.namesAlice, a.dave, p, noKeyAllow, "R3/R5: the key policy does not allow B PutKeyPolicy"),

    // Custom policy without the account statement: only alice, for what she is named for. IAM is ignored.
    cell(.noDelegation, a.root, d, noKeyAllow, "R5: root's account is not named; root has no implicit access"),
    cell(.noDelegation, a.root, g, noKeyAllow, "R5: root's account is not named"),
    cell(.noDelegation, a.root, p, noKeyAllow, "R5: root's account is not named (lockout)"),
    cell(.noDelegation, a.alice, d, .allow, "R2: the key policy names alice for Decrypt"),
    cell(.noDelegation, a.alice, g, noKeyAllow, "R2d/R5: her IAM allow is ineffective without delegation"),
    cell(.noDelegation, a.alice, p, .allow, "R2: named as administrator; no IAM allow needed in the same account"),
    cell(.noDelegation, a.bob, d, noKeyAllow, "R5: not named, no delegation"),
    cell(.noDelegation, a.bob, g, noKeyAllow, "R5: not named, no delegation"),
    cell(.noDelegation, a.bob, p, noKeyAllow, "R5: not named, no delegation"),
    cell(.noDelegation, a.carol, d, noKeyAllow, "R3/R5: account B not allowed"),
    cell(.noDelegation, a.carol, g, noKeyAllow, "R3/R5: account B not allowed"),
    cell(.noDelegation, a.carol, p, noKeyAllow, "R3/R5: account B not allowed"),
    cell(.noDelegation, a.dave, d, noKeyAllow, "R3/R5: account B not allowed"),
    cell(.noDelegation, a.dave, g, noKeyAllow, "R3/R5: account B not allowed"),
    cell(.noDelegation, a.dave, p, noKeyAllow, "R3/R5: account B not allowed"),

    // Default policy plus an explicit Deny for bob.
    cell(.denyBob, a.root, d, .allow, "R2: the Deny names only bob"),
    cell(.denyBob, a.root, g, .allow, "R2: the Deny names only bob"),
    cell(.denyBob, a.root, p, .allow, "R2: the Deny names only bob"),
    cell(.denyBob, a.alice, d, .allow, "R2d: as with the default policy"),
    cell(.denyBob, a.alice, g, .allow, "R2d: as with the default policy"),
    cell(.denyBob, a.alice, p, noIAMAllow, "R2d/R5: as with the default policy"),
    cell(.denyBob, a.bob, d, .explicitDeny(.resourceBased), "R1: the key policy denies bob"),
    cell(.denyBob, a.bob, g, .explicitDeny(.resourceBased), "R1: the key policy denies bob"),
    cell(.denyBob, a.bob, p, .explicitDeny(.resourceBased), "R1: the key policy denies bob"),
    cell(.denyBob, a.carol, d, noKeyAllow, "R3/R5: account B not allowed"),
    cell(.denyBob, a.carol, g, noKeyAllow, "R3/R5: account B not allowed"),
    cell(.denyBob, a.carol, p, noKeyAllow, "R3/R5: account B not allowed"),
    cell(.denyBob, a.dave, d, noKeyAllow, "R3/R5: account B not allowed"),
    cell(.denyBob, a.dave, g, noKeyAllow, "R3/R5: account B not allowed"),
    cell(.denyBob, a.dave, p, noKeyAllow, "R3/R5: account B not allowed"),

    // aws/s3, called directly: the "*" statement needs kms:ViaService, absent here; root gets metadata only.
    cell(.awsS3, a.root, d, noKeyAllow, "R5: StringEquals on an absent kms:ViaService is false"),
    cell(.awsS3, a.root, g, noKeyAllow, "R5: StringEquals on an absent kms:ViaService is false"),
    cell(.awsS3, a.root, p, noKeyAllow, "R5: the policy is locked: nobody may PutKeyPolicy"),
    cell(.awsS3, a.alice, d, noKeyAllow, "R5: only through S3"),
    cell(.awsS3, a.alice, g, noKeyAllow, "R5: only through S3"),
    cell(.awsS3, a.alice, p, noKeyAllow, "R5: locked policy"),
    cell(.awsS3, a.bob, d, noKeyAllow, "R5: only through S3"),
    cell(.awsS3, a.bob, g, noKeyAllow, "R5: only through S3"),
    cell(.awsS3, a.bob, p, noKeyAllow, "R5: locked policy"),
    cell(.awsS3, a.carol, d, noKeyAllow, "R5: only through S3, and only account A"),
    cell(.awsS3, a.carol, g, noKeyAllow, "R5: only through S3, and only account A"),
    cell(.awsS3, a.carol, p, noKeyAllow, "R5: locked policy"),
    cell(.awsS3, a.dave, d, noKeyAllow, "R5: only through S3, and only account A"),
    cell(.awsS3, a.dave, g, noKeyAllow, "R5: only through S3, and only account A"),
    cell(.awsS3, a.dave, p, noKeyAllow, "R5: locked policy"),

    // aws/s3 through S3 (kms:ViaService = s3.us-east-1.amazonaws.com): anyone of account A, no IAM needed.
    cell(.awsS3, a.root, d, .allow, "R2: \"*\" with CallerAccount A and ViaService S3", viaS3: true),
    cell(.awsS3, a.root, g, .allow, "R2: \"*\" with CallerAccount A and ViaService S3", viaS3: true),
    cell(.awsS3, a.root, p, noKeyAllow, "R5: PutKeyPolicy is not among the S3 actions", viaS3: true),
    cell(.awsS3, a.alice, d, .allow, "R2: \"*\" names everyone; the conditions hold", viaS3: true),
    cell(.awsS3, a.alice, g, .allow, "R2: \"*\" names everyone; the conditions hold", viaS3: true),
    cell(.awsS3, a.alice, p, noKeyAllow, "R5: locked policy", viaS3: true),
    cell(.awsS3, a.bob, d, .allow, "R2: \"*\" needs no IAM allow in the same account", viaS3: true),
    cell(.awsS3, a.bob, g, .allow, "R2: \"*\" needs no IAM allow in the same account", viaS3: true),
    cell(.awsS3, a.bob, p, noKeyAllow, "R5: locked policy", viaS3: true),
    cell(.awsS3, a.carol, d, noKeyAllow, "R5: kms:CallerAccount is B, not A", viaS3: true),
    cell(.awsS3, a.carol, g, noKeyAllow, "R5: kms:CallerAccount is B, not A", viaS3: true),
    cell(.awsS3, a.carol, p, noKeyAllow, "R5: locked policy", viaS3: true),
    cell(.awsS3, a.dave, d, noKeyAllow, "R5: kms:CallerAccount is B, not A", viaS3: true),
    cell(.awsS3, a.dave, g, noKeyAllow, "R5: kms:CallerAccount is B, not A", viaS3: true),
    cell(.awsS3, a.dave, p, noKeyAllow, "R5: locked policy", viaS3: true),
]

@Suite("Evaluation matrix: principals × key policies × actions")
struct EvaluationMatrixTests {
    @Test(arguments: matrix)
    func cell(_ cell: MatrixCell) {
        // Given the cell's key policy and the caller's own IAM policies
        let context: [String: ConditionValue] = cell.viaS3 ? [ConditionKey.viaService: .single(Cast.viaS3)] : [:]
        let request = Cast.request(cell.principal, cell.action, encryptionContext: [:], context: context)
        // When KMS evaluates the request
        let decision = PolicyEvaluator.evaluate(
            request: request, keyPolicy: cell.policy.document,
            identityPolicies: Cast.identityPolicies(of: cell.principal), grants: [])
        // Then the outcome is the one AWS's rule gives
        #expect(Expected(decision) == cell.expected, "\(cell.rule)")
    }

    @Test func matrixCoversEveryCombination() {
        let direct = matrix.filter { !$0.viaS3 }
        #expect(direct.count == KeyPolicies.ID.allCases.count * 5 * 3)
        #expect(matrix.filter(\.viaS3).count == 5 * 3)
    }
}
