import Testing

@testable import AccessPolicy

/// A condition block, a request context, and whether the condition holds.
struct ConditionCase: Sendable, CustomTestStringConvertible {
    let name: String
    let condition: String
    let encryptionContext: [String: String]?
    let context: [String: ConditionValue]
    let principal: PrincipalRef
    let holds: Bool

    var testDescription: String { self.name }
}

private func when(
    _ name: String, _ condition: String, encryptionContext: [String: String]? = nil,
    context: [String: ConditionValue] = [:], principal: PrincipalRef = Cast.alice, holds: Bool
) -> ConditionCase {
    ConditionCase(
        name: name, condition: condition, encryptionContext: encryptionContext, context: context,
        principal: principal, holds: holds)
}

private let s3 = Cast.viaS3
private let appContext = ["AppName": "ExampleApp", "aws:s3:arn": "arn:aws:s3:::bucket/photos/cat.jpg"]

private let conditionCases: [ConditionCase] = [
    // StringEquals and friends: values case-sensitive, keys case-insensitive; several values are ORed.
    when(
        "StringEquals match", #"{"StringEquals": {"kms:ViaService": "\#(s3)"}}"#,
        context: ["kms:ViaService": .single(s3)], holds: true),
    when(
        "StringEquals wrong case value", #"{"StringEquals": {"kms:ViaService": "S3.us-east-1.amazonaws.com"}}"#,
        context: ["kms:ViaService": .single(s3)], holds: false),
    when(
        "StringEquals key case-insensitive", #"{"StringEquals": {"KMS:VIASERVICE": "\#(s3)"}}"#,
        context: ["kms:viaService": .single(s3)], holds: true),
    when(
        "StringEquals values ORed", #"{"StringEquals": {"kms:ViaService": ["ec2.us-east-1.amazonaws.com", "\#(s3)"]}}"#,
        context: ["kms:ViaService": .single(s3)], holds: true),
    when("StringEquals absent key", #"{"StringEquals": {"kms:ViaService": "\#(s3)"}}"#, holds: false),
    when(
        "StringEquals keys ANDed (one fails)",
        #"{"StringEquals": {"kms:ViaService": "\#(s3)", "kms:CallerAccount": "444455556666"}}"#,
        context: ["kms:ViaService": .single(s3)], holds: false),
    when(
        "StringEquals keys ANDed (both hold)",
        #"{"StringEquals": {"kms:ViaService": "\#(s3)", "kms:CallerAccount": "111122223333"}}"#,
        context: ["kms:ViaService": .single(s3)], holds: true),
    when(
        "operators ANDed",
        #"{"StringEquals": {"kms:CallerAccount": "111122223333"}, "StringLike": {"aws:PrincipalArn": "*:user/bob"}}"#,
        holds: false),
    when(
        "StringNotEquals present, differs", #"{"StringNotEquals": {"kms:ViaService": "\#(s3)"}}"#,
        context: ["kms:ViaService": "ec2.us-east-1.amazonaws.com"], holds: true),
    when(
        "StringNotEquals present, equal to one value", #"{"StringNotEquals": {"kms:ViaService": ["x", "\#(s3)"]}}"#,
        context: ["kms:ViaService": .single(s3)], holds: false),
    when("StringNotEquals absent key is true", #"{"StringNotEquals": {"kms:ViaService": "\#(s3)"}}"#, holds: true),
    when(
        "StringEqualsIgnoreCase", #"{"StringEqualsIgnoreCase": {"kms:ViaService": "S3.US-EAST-1.AMAZONAWS.COM"}}"#,
        context: ["kms:ViaService": .single(s3)], holds: true),
    when(
        "StringEqualsIgnoreCase non-ASCII", #"{"StringEqualsIgnoreCase": {"aws:RequestTag/team": "ÉQUIPE"}}"#,
        context: ["aws:RequestTag/team": "équipe"], holds: true),
    when(
        "StringNotEqualsIgnoreCase",
        #"{"StringNotEqualsIgnoreCase": {"kms:ViaService": "S3.US-EAST-1.AMAZONAWS.COM"}}"#,
        context: ["kms:ViaService": .single(s3)], holds: false),
    when(
        "StringLike", #"{"StringLike": {"kms:ViaService": "s3.*.amazonaws.com"}}"#,
        context: ["kms:ViaService": .single(s3)], holds: true),
    when(
        "StringLike ?", #"{"StringLike": {"kms:ViaService": "s?.us-east-1.amazonaws.com"}}"#,
        context: ["kms:ViaService": .single(s3)], holds: true),
    when(
        "StringLike is case-sensitive", #"{"StringLike": {"kms:ViaService": "S3.*"}}"#,
        context: ["kms:ViaService": .single(s3)], holds: false),
    when(
        "StringNotLike", #"{"StringNotLike": {"kms:ViaService": "ec2.*"}}"#, context: ["kms:ViaService": .single(s3)],
        holds: true),
    when("StringNotLike absent key is true", #"{"StringNotLike": {"kms:ViaService": "ec2.*"}}"#, holds: true),

    // IfExists: an absent key makes the condition true; a present one is compared normally.
    when("StringEqualsIfExists absent", #"{"StringEqualsIfExists": {"kms:ViaService": "\#(s3)"}}"#, holds: true),
    when(
        "StringEqualsIfExists present, differs", #"{"StringEqualsIfExists": {"kms:ViaService": "\#(s3)"}}"#,
        context: ["kms:ViaService": "ec2.us-east-1.amazonaws.com"], holds: false),
    when(
        "StringLikeIfExists present, matches", #"{"StringLikeIfExists": {"kms:ViaService": "s3.*"}}"#,
        context: ["kms:ViaService": .single(s3)], holds: true),
    when(
        "StringNotEqualsIfExists present, equal", #"{"StringNotEqualsIfExists": {"kms:ViaService": "\#(s3)"}}"#,
        context: ["kms:ViaService": .single(s3)], holds: false),
    when("StringNotLikeIfExists absent", #"{"StringNotLikeIfExists": {"kms:ViaService": "s3.*"}}"#, holds: true),
    when(
        "StringEqualsIgnoreCaseIfExists absent", #"{"StringEqualsIgnoreCaseIfExists": {"kms:ViaService": "S3"}}"#,
        holds: true),
    when("BoolIfExists absent", #"{"BoolIfExists": {"kms:GrantIsForAWSResource": "true"}}"#, holds: true),
    when(
        "BoolIfExists present false", #"{"BoolIfExists": {"kms:GrantIsForAWSResource": "true"}}"#,
        context: ["kms:GrantIsForAWSResource": false], holds: false),

    // Encryption context keys: kms:EncryptionContext:<k> ignores the case of <k>; values follow the operator.
    when(
        "EncryptionContext value", #"{"StringEquals": {"kms:EncryptionContext:AppName": "ExampleApp"}}"#,
        encryptionContext: appContext, holds: true),
    when(
        "EncryptionContext key case-insensitive", #"{"StringEquals": {"kms:encryptioncontext:appname": "ExampleApp"}}"#,
        encryptionContext: appContext, holds: true),
    when(
        "EncryptionContext value case-sensitive", #"{"StringEquals": {"kms:EncryptionContext:AppName": "exampleapp"}}"#,
        encryptionContext: appContext, holds: false),
    when(
        "EncryptionContext value ignoring case",
        #"{"StringEqualsIgnoreCase": {"kms:EncryptionContext:AppName": "exampleapp"}}"#, encryptionContext: appContext,
        holds: true),
    when(
        "EncryptionContext S3 ARN like",
        #"{"StringLike": {"kms:EncryptionContext:aws:s3:arn": "arn:aws:s3:::bucket/*"}}"#,
        encryptionContext: appContext, holds: true),
    when(
        "EncryptionContext key missing", #"{"StringEquals": {"kms:EncryptionContext:Project": "x"}}"#,
        encryptionContext: appContext, holds: false),
    when(
        "EncryptionContext no context at all", #"{"StringEquals": {"kms:EncryptionContext:AppName": "ExampleApp"}}"#,
        holds: false),
    when(
        "EncryptionContext pairs differing by case: any value",
        #"{"StringEquals": {"kms:EncryptionContext:app": "b"}}"#, encryptionContext: ["App": "a", "app": "b"],
        holds: true),
    when(
        "EncryptionContext pairs differing by case: negated needs none",
        #"{"StringNotEquals": {"kms:EncryptionContext:app": "b"}}"#, encryptionContext: ["App": "a", "app": "b"],
        holds: false),

    // Multi-valued kms:EncryptionContextKeys with set operators.
    when(
        "ForAnyValue one key matches",
        #"{"ForAnyValue:StringEquals": {"kms:EncryptionContextKeys": ["AppName", "Other"]}}"#,
        encryptionContext: appContext, holds: true),
    when(
        "ForAnyValue key case-sensitive as a value",
        #"{"ForAnyValue:StringEquals": {"kms:EncryptionContextKeys": "appname"}}"#, encryptionContext: appContext,
        holds: false),
    when(
        "ForAnyValue absent is false", #"{"ForAnyValue:StringEquals": {"kms:EncryptionContextKeys": "AppName"}}"#,
        holds: false),
    when(
        "ForAnyValue empty context is absent",
        #"{"ForAnyValue:StringEquals": {"kms:EncryptionContextKeys": "AppName"}}"#, encryptionContext: [:], holds: false
    ),
    when(
        "ForAllValues all keys listed",
        #"{"ForAllValues:StringEquals": {"kms:EncryptionContextKeys": ["AppName", "aws:s3:arn", "Extra"]}}"#,
        encryptionContext: appContext, holds: true),
    when(
        "ForAllValues one key unlisted", #"{"ForAllValues:StringEquals": {"kms:EncryptionContextKeys": ["AppName"]}}"#,
        encryptionContext: appContext, holds: false),
    when(
        "ForAllValues absent is true", #"{"ForAllValues:StringEquals": {"kms:EncryptionContextKeys": ["AppName"]}}"#,
        holds: true),
    when(
        "ForAllValues StringLike", #"{"ForAllValues:StringLike": {"kms:EncryptionContextKeys": ["App*", "aws:*"]}}"#,
        encryptionContext: appContext, holds: true),
    when(
        "ForAnyValue StringLike", #"{"ForAnyValue:StringLike": {"kms:EncryptionContextKeys": "aws:s3:*"}}"#,
        encryptionContext: appContext, holds: true),
    when(
        "ForAnyValue StringNotEquals: some key not listed",
        #"{"ForAnyValue:StringNotEquals": {"kms:EncryptionContextKeys": "AppName"}}"#, encryptionContext: appContext,
        holds: true),
    when(
        "ForAllValues StringNotEquals: a key is listed",
        #"{"ForAllValues:StringNotEquals": {"kms:EncryptionContextKeys": "AppName"}}"#, encryptionContext: appContext,
        holds: false),
    when(
        "ForAnyValue StringEqualsIfExists absent",
        #"{"ForAnyValue:StringEqualsIfExists": {"kms:EncryptionContextKeys": "AppName"}}"#, holds: true),
    when(
        "ForAllValues on a context list",
        #"{"ForAllValues:StringEquals": {"kms:GrantOperations": ["Decrypt", "Encrypt"]}}"#,
        context: ["kms:GrantOperations": ["Decrypt"]], holds: true),
    when(
        "ForAnyValue on a context list", #"{"ForAnyValue:StringEquals": {"kms:GrantOperations": "RetireGrant"}}"#,
        context: ["kms:GrantOperations": ["Decrypt", "Encrypt"]], holds: false),
    when(
        "single-valued operator on a list: any value", #"{"StringEquals": {"kms:GrantOperations": "Encrypt"}}"#,
        context: ["kms:GrantOperations": ["Decrypt", "Encrypt"]], holds: true),

    // Bool and Null.
    when(
        "Bool true", #"{"Bool": {"kms:GrantIsForAWSResource": "true"}}"#, context: ["kms:GrantIsForAWSResource": true],
        holds: true),
    when(
        "Bool JSON boolean", #"{"Bool": {"kms:GrantIsForAWSResource": true}}"#,
        context: ["kms:GrantIsForAWSResource": "TRUE"], holds: true),
    when(
        "Bool mismatch", #"{"Bool": {"kms:GrantIsForAWSResource": "true"}}"#,
        context: ["kms:GrantIsForAWSResource": false], holds: false),
    when("Bool absent", #"{"Bool": {"kms:GrantIsForAWSResource": "true"}}"#, holds: false),
    when("Null true: absent", #"{"Null": {"kms:EncryptionContextKeys": "true"}}"#, holds: true),
    when(
        "Null true: present", #"{"Null": {"kms:EncryptionContextKeys": "true"}}"#, encryptionContext: appContext,
        holds: false),
    when(
        "Null false: present", #"{"Null": {"kms:EncryptionContextKeys": "false"}}"#, encryptionContext: appContext,
        holds: true),
    when(
        "Null false: empty context is absent", #"{"Null": {"kms:EncryptionContextKeys": "false"}}"#,
        encryptionContext: [:], holds: false),

    // Numeric.
    when(
        "NumericLessThanEquals", #"{"NumericLessThanEquals": {"kms:ScheduleKeyDeletionPendingWindowInDays": "7"}}"#,
        context: ["kms:ScheduleKeyDeletionPendingWindowInDays": "7"], holds: true),
    when(
        "NumericGreaterThan", #"{"NumericGreaterThan": {"kms:RotationPeriodInDays": 90}}"#,
        context: ["kms:RotationPeriodInDays": "365"], holds: true),
    when(
        "NumericLessThan fails", #"{"NumericLessThan": {"kms:RotationPeriodInDays": 90}}"#,
        context: ["kms:RotationPeriodInDays": "365"], holds: false),
    when(
        "NumericEquals non-numeric context", #"{"NumericEquals": {"kms:RotationPeriodInDays": 90}}"#,
        context: ["kms:RotationPeriodInDays": "ninety"], holds: false),
    when(
        "NumericNotEquals", #"{"NumericNotEquals": {"kms:RotationPeriodInDays": [90, 180]}}"#,
        context: ["kms:RotationPeriodInDays": "365"], holds: true),
    when(
        "NumericGreaterThanEquals", #"{"NumericGreaterThanEquals": {"kms:RotationPeriodInDays": "365.0"}}"#,
        context: ["kms:RotationPeriodInDays": "365"], holds: true),

    // ARNs and the derived principal keys.
    when(
        "ArnEquals principal", #"{"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:user/alice"}}"#,
        holds: true),
    when("ArnLike principal", #"{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:user/a*"}}"#, holds: true),
    when(
        "ArnLike other user", #"{"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:user/a*"}}"#, principal: Cast.bob,
        holds: false),
    when("ArnNotLike", #"{"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::444455556666:*"}}"#, holds: true),
    when(
        "ArnNotEquals", #"{"ArnNotEquals": {"aws:PrincipalArn": "arn:aws:iam::111122223333:user/alice"}}"#, holds: false
    ),
    when("aws:PrincipalAccount", #"{"StringEquals": {"aws:PrincipalAccount": "111122223333"}}"#, holds: true),
    when(
        "kms:CallerAccount of another account", #"{"StringEquals": {"kms:CallerAccount": "111122223333"}}"#,
        principal: Cast.carol, holds: false),
    when(
        "context overrides a derived key", #"{"StringEquals": {"kms:CallerAccount": "999999999999"}}"#,
        context: ["kms:CallerAccount": "999999999999"], holds: true),
    when(
        "arbitrary request keys", #"{"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}"#,
        context: ["aws:SourceVpce": "vpce-1a2b3c4d"], holds: true),
]

@Suite("Conditions")
struct ConditionTests {
    @Test(arguments: conditionCases)
    func condition(_ testCase: ConditionCase) throws {
        let statement = try #require(
            try PolicyDocument(
                json:
                    #"{"Statement": {"Effect": "Allow", "Action": "kms:*", "Resource": "*", "Condition": \#(testCase.condition)}}"#,
                kind: .identityBased
            ).statements.first)
        let request = Cast.request(
            testCase.principal, "kms:Decrypt", encryptionContext: testCase.encryptionContext, context: testCase.context)
        #expect(statement.applies(to: request) == testCase.holds)
    }

    @Test func operatorNamesParse() throws {
        let op = try #require(ConditionOperator("ForAllValues:StringNotLikeIfExists"))
        #expect(op.base == .stringNotLike && op.qualifier == .forAllValues && op.ifExists)
        #expect(ConditionOperator("forAnyValue:stringequals")?.qualifier == .forAnyValue)
        #expect(ConditionOperator("StringEquals")?.base.isNegated == false)
        #expect(ConditionOperator("NotIpAddressIfExists")?.base == .notIpAddress)
        #expect(ConditionOperator("BinaryEquals") == nil)
    }

    @Test func contextKeysDifferingOnlyByCaseAreMerged() {
        let request = AccessRequest(
            principal: Cast.alice, action: "kms:Decrypt", resource: "*",
            context: ["aws:Tag": "a", "AWS:tag": "b"])
        #expect(request.context.count == 1)
        #expect(Set(request.context["aws:tag"]?.values ?? []) == ["a", "b"])
    }
}
