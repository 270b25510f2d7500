import Foundation
import PhuongSoCore
import Testing

/// The signer against the published example of the S3 API Reference and against botocore (the
/// signer of the AWS SDK for Python), for a query with encoded values and for a PUT with a body.
struct S3SignatureTests {
    @Test func theS3ReferenceExampleOfAGetWithARange() {
        // "Signature Calculations for the Authorization Header", example "GET Object".
        let s = S3Signature(
            accessKey: "AKIAIOSFODNN7EXAMPLE", secretKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            region: "us-east-1")
        let h = s.headers(
            method: "GET", host: "examplebucket.s3.amazonaws.com", path: "/test.txt", headers: ["Range": "bytes=0-9"],
            payloadSHA256: S3Signature.payloadHash([]), at: Date(timeIntervalSince1970: 1_369_353_600))
        #expect(h["x-amz-date"] == "20130524T000000Z")
        #expect(
            h["authorization"]
                == "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
                + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    /// Both vectors printed by botocore 1.43's `S3SigV4Auth` at 2026-12-02 10:10:10 UTC.
    static let botoSigner = S3Signature(
        accessKey: "phuongso", secretKey: "bí-mật-secret/Key+1", region: "ap-southeast-1")
    static let botoTime = Date(timeIntervalSince1970: 1_796_206_210)

    @Test func aListingWithEncodedQueryValuesAsBotocoreSignsIt() {
        let h = Self.botoSigner.headers(
            method: "GET", host: "127.0.0.1:9000", path: "/ho-so",
            query: [("list-type", "2"), ("prefix", "files/"), ("continuation-token", "a+b=")],
            payloadSHA256: S3Signature.payloadHash([]), at: Self.botoTime)
        #expect(
            h["authorization"]?.hasSuffix("dee637f825feed025d97166b558f279ee3a23bc9533b08378bef3e72d46c24d4") == true)
    }

    @Test func aPutWithABodyAsBotocoreSignsIt() {
        let body = Array("%PDF-1.4 hello".utf8)
        let h = Self.botoSigner.headers(
            method: "PUT", host: "127.0.0.1:9000", path: "/ho-so/files/ab/ab12",
            payloadSHA256: S3Signature.payloadHash(body), at: Self.botoTime)
        #expect(
            h["authorization"]
                == "AWS4-HMAC-SHA256 Credential=phuongso/20261202/ap-southeast-1/s3/aws4_request, "
                + "SignedHeaders=host;x-amz-content-sha256;x-amz-date, "
                + "Signature=dc1505bd511d8edb816192895efa6c062a3300fe06e99cda6081d69aa1cdfe66")
    }

    @Test func aWrongSecretGivesAnotherSignature() {
        var wrong = Self.botoSigner
        wrong.secretKey = "bí-mật-secret/Key+2"
        let a = Self.botoSigner.headers(
            method: "GET", host: "h", path: "/b/k", payloadSHA256: S3Signature.payloadHash([]), at: Self.botoTime)
        let b = wrong.headers(
            method: "GET", host: "h", path: "/b/k", payloadSHA256: S3Signature.payloadHash([]), at: Self.botoTime)
        #expect(a["authorization"] != b["authorization"])
        #expect(S3Signature.encodePath("/b/test$file.text") == "/b/test%24file.text")
        #expect(S3Signature.amzDate(Date(timeIntervalSince1970: 951_782_400)) == "20000229T000000Z")
    }
}
