import Crypto
import Foundation
import PhuongSoCore
import Testing

@Suite struct VietQRTests {
    @Test func theCRCMatchesThePublishedEMVCoExamples() {
        // CRC-16/CCITT-FALSE check value
        #expect(VietQR.crc16("123456789") == 0x29B1)
        // EMV QRCPS Merchant-Presented Mode, the specification's own example (ends 6304A13A)
        let spec =
            "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN"
            + "5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京"
            + "540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304"
        #expect(VietQR.crc16(spec) == 0xA13A)
        #expect(throws: Never.self) { try VietQR.parse(spec + "A13A") }
        #expect(throws: VietQR.Problem.badChecksum) { try VietQR.parse(spec + "A13B") }
        // another published MPM example (KHQR), CRC 1FF2
        let kh =
            "00020101021252044131153137210116372101160123456789ABCDE"
            + "6016Banteay Meanchey5913Kuntheas Shop5802KH540510.005303840621201081234567863041FF2"
        #expect(throws: Never.self) { try VietQR.parse(kh) }
    }

    @Test func aTransferPayloadCarriesTheAccountAmountAndReference() throws {
        let account = VietQR.Account(
            bankBIN: "970436", accountNumber: "0011001234567", accountName: "UBND PHUONG THANH SEN")
        let payload = try VietQR.payload(account: account, amount: 50_000, reference: "000.00.31.H42-260213-0001")
        #expect(payload.hasPrefix("000201010212"))
        let top = Dictionary(uniqueKeysWithValues: try VietQR.parse(payload).map { ($0.tag, $0.value) })
        #expect(top["53"] == "704" && top["54"] == "50000" && top["58"] == "VN")
        let merchant = Dictionary(uniqueKeysWithValues: try VietQR.objects(top["38"]!).map { ($0.tag, $0.value) })
        #expect(merchant["00"] == "A000000727" && merchant["02"] == "QRIBFTTA")
        let beneficiary = Dictionary(
            uniqueKeysWithValues: try VietQR.objects(merchant["01"]!).map { ($0.tag, $0.value) })
        #expect(beneficiary["00"] == "970436" && beneficiary["01"] == "0011001234567")
        #expect(try VietQR.objects(top["62"]!).first?.value == "000.00.31.H42-260213-0001")
        // one character changed anywhere breaks the checksum
        var changed = Array(payload)
        changed[40] = changed[40] == "1" ? "2" : "1"
        #expect(throws: VietQR.Problem.badChecksum) { try VietQR.parse(String(changed)) }
    }

    @Test func badInputIsRefused() {
        let ok = VietQR.Account(bankBIN: "970436", accountNumber: "0011001234567", accountName: "X")
        #expect(throws: VietQR.Problem.invalidAccount) {
            try VietQR.payload(
                account: .init(bankBIN: "97043", accountNumber: "1", accountName: ""), amount: 1, reference: "A")
        }
        #expect(throws: VietQR.Problem.invalidAmount) { try VietQR.payload(account: ok, amount: 0, reference: "A") }
        #expect(throws: VietQR.Problem.invalidReference) {
            try VietQR.payload(account: ok, amount: 1, reference: "Đăng ký")
        }
        #expect(throws: VietQR.Problem.malformed) { try VietQR.parse("0002") }
    }
}

@Suite struct GatewaySignatureTests {
    @Test func signedParametersVerifyAndAnyChangeBreaksThem() {
        let s = GatewaySignature(secret: "bí mật")
        let params = [
            "merchant": "PHUONGSO", "reference": "TTABC", "amount": "50000", "description": "Phí lệ phí & hồ sơ",
        ]
        let signed = s.signed(params)
        #expect(s.verify(signed))
        #expect(signed["sig"]?.count == 128)
        var tampered = signed
        tampered["amount"] = "5000"
        #expect(!s.verify(tampered))
        var added = signed
        added["extra"] = "1"
        #expect(!s.verify(added))
        #expect(!GatewaySignature(secret: "other").verify(signed))
        var garbage = signed
        garbage["sig"] = "zz"
        #expect(!s.verify(garbage))
        #expect(!s.verify(params))
        // order does not matter; encoding is canonical
        #expect(GatewaySignature.canonical(["b": "2", "a": "1 &"]) == "a=1%20%26&b=2")
    }
}

@Suite struct FeeTests {
    @Test func theDemandCanBeAdjustedOrWaivedOnlyWithAReason() throws {
        let d = FeeDemand(ruleAmount: 50_000)
        #expect(d.amount == 50_000)
        #expect(throws: FeeDemand.Problem.reasonRequired) { try d.adjusted(to: 30_000, reason: "  ") }
        #expect(throws: FeeDemand.Problem.negativeAmount) { try d.adjusted(to: -1, reason: "x") }
        #expect(try d.adjusted(to: 30_000, reason: "2 giao dịch gộp").amount == 30_000)
        #expect(throws: FeeDemand.Problem.reasonRequired) { try d.exempted(reason: "") }
        let exempt = try d.exempted(reason: "Hộ nghèo")
        #expect(exempt.amount == 0 && exempt.isExempt)
    }

    @Test func paymentsSettleTheDemandAndRefundsReopenIt() {
        let d = FeeDemand(ruleAmount: 50_000)
        #expect(FeeAccount(demand: d, payments: []).outstanding == 50_000)
        #expect(!FeeAccount(demand: d, payments: [(50_000, .pending)]).settled)
        #expect(FeeAccount(demand: d, payments: [(50_000, .paid)]).settled)
        #expect(FeeAccount(demand: d, payments: [(50_000, .refunded)]).outstanding == 50_000)
        #expect(FeeAccount(demand: d, payments: [(20_000, .paid), (30_000, .paid), (30_000, .failed)]).settled)
        #expect(FeeAccount(demand: FeeDemand(ruleAmount: 0), payments: []).settled)
    }

    @Test func amountsInWordsAsAReceiptWritesThem() {
        #expect(VietnameseAmount.words(50_000) == "Năm mươi nghìn đồng")
        #expect(VietnameseAmount.words(1_250_000) == "Một triệu hai trăm năm mươi nghìn đồng")
        #expect(VietnameseAmount.words(105) == "Một trăm lẻ năm đồng")
        #expect(VietnameseAmount.words(21) == "Hai mươi mốt đồng")
        #expect(VietnameseAmount.words(15) == "Mười lăm đồng")
        #expect(VietnameseAmount.words(24) == "Hai mươi tư đồng")
        #expect(VietnameseAmount.words(1_005_000) == "Một triệu không trăm lẻ năm nghìn đồng")
        #expect(VietnameseAmount.words(2_000_000_000) == "Hai tỷ đồng")
        #expect(VietnameseAmount.words(0) == "Không đồng")
    }
}

@Suite struct BankStatementTests {
    @Test func linesAreReadWithVietnameseOrEnglishHeaders() throws {
        let s = try BankStatement(
            csv:
                "Ngày,Mã giao dịch,Số tiền,Nội dung\n2026-02-16,FT001,\"50.000\",CHUYEN TIEN 000.00.31.H42-260213-0001\n"
        )
        #expect(s.lines.count == 1 && s.lines[0].amount == 50_000 && s.lines[0].transactionID == "FT001")
        let t = try BankStatement(csv: "date,transaction_id,amount,description\n2026-02-16,X1,30000,hello\n\n")
        #expect(t.lines.count == 1)
    }

    @Test func badStatementsAreRefusedWithTheLine() {
        #expect(throws: BankStatement.Problem.missingColumn("amount")) {
            try BankStatement(csv: "date,transaction_id,description\n")
        }
        #expect(throws: BankStatement.Problem.badAmount(line: 2, value: "năm mươi")) {
            try BankStatement(csv: "date,transaction_id,amount,description\n1,A,năm mươi,x\n")
        }
        #expect(throws: BankStatement.Problem.missingTransactionID(line: 2)) {
            try BankStatement(csv: "date,transaction_id,amount,description\n1,,5000,x\n")
        }
        #expect(throws: BankStatement.Problem.empty) {
            try BankStatement(csv: "date,transaction_id,amount,description\n")
        }
    }

    @Test func referencesAreFoundWhateverTheBankDidToTheSeparators() {
        let open = ["000.00.31.H42-260213-0001", "000.00.31.H42-260213-0002"]
        #expect(
            BankStatement.references(in: "NGUYEN VAN A CK 0000031H422602130001", among: open) == [
                "000.00.31.H42-260213-0001"
            ])
        #expect(
            BankStatement.references(in: "000.00.31.h42-260213-0002 nop phi", among: open) == [
                "000.00.31.H42-260213-0002"
            ])
        #expect(BankStatement.references(in: "tien nha", among: open).isEmpty)
    }
}

@Suite struct ResultSignatureTests {
    @Test func aSignatureCoversEveryByteOfTheFile() throws {
        let key = P256.Signing.PrivateKey()
        let file = Array("%PDF-1.7\n1 0 obj <</Type /Page>> endobj\n%%EOF\n".utf8)
        let sig = try ResultSignature.sign(fileBytes: file, with: key)
        #expect(ResultSignature.verify(fileBytes: file, signature: sig, publicKey: key.publicKey))
        for i in [0, file.count / 2, file.count - 1] {
            var changed = file
            changed[i] ^= 0x01
            #expect(!ResultSignature.verify(fileBytes: changed, signature: sig, publicKey: key.publicKey))
        }
        #expect(
            !ResultSignature.verify(fileBytes: file, signature: sig, publicKey: P256.Signing.PrivateKey().publicKey))
        #expect(!ResultSignature.verify(fileBytes: file, signature: "not base64!", publicKey: key.publicKey))
        let code = ResultSignature.resultCode(
            dossierCode: "000.00.31.H42-260213-0001", number: 1, digest: ResultSignature.digest(of: file))
        #expect(
            code.hasPrefix("KQ1-000.00.31.H42-260213-0001-") && code.count == "KQ1-000.00.31.H42-260213-0001-".count + 4
        )
    }

    @Test func pagesOfAPDFAreCounted() {
        #expect(
            PDFInfo.pageCount(
                Array(
                    """
                    %PDF-1.4
                    1 0 obj <</Type /Pages /Kids [2 0 R 3 0 R] /Count 2>> endobj
                    2 0 obj <</Type /Page>> endobj
                    3 0 obj <</Type/Page /Parent 1 0 R>> endobj
                    %%EOF
                    """
                    .utf8)) == 2)
        #expect(PDFInfo.pageCount(Array("%PDF-1.4\n%%EOF".utf8)) == 0)
    }
}
