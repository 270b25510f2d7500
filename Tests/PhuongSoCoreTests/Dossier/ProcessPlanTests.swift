import Testing

@testable import PhuongSoCore

@Suite struct ProcessPlanTests {
    var plan: ProcessPlan {
        var p = Procedure(code: "1", name: "A", field: "F")
        p.timeLimit = .workingDays(3)
        p.steps = [
            ProcessStep(actor: "Bộ phận Một cửa", task: "Tiếp nhận", hours: 4),
            ProcessStep(actor: "Công chức Tư pháp - Hộ tịch", task: "Thẩm định", hours: 12),
            ProcessStep(actor: "Lãnh đạo UBND cấp xã", task: "Ký", hours: 6),
            ProcessStep(actor: "Văn thư", task: "Đóng dấu", hours: 2),
        ]
        return ProcessPlan(procedure: p)
    }

    @Test func actorsMapToRoles() {
        #expect(plan.steps.map(\.role) == [.clerk, .official, .leader, .office])
        #expect(ProcessPlan.role(forActor: "Chỉ huy Công an cấp xã") == .leader)
        #expect(ProcessPlan.role(forActor: "Trung tâm Phục vụ hành chính công cấp xã") == .clerk)
        let none = ProcessPlan(
            procedure: {
                var p = Procedure(code: "2", name: "B", field: "F")
                p.timeLimit = .workingDays(5)
                return p
            }())
        #expect(
            none.steps.map(\.role) == [.official, .leader, .clerk]
                && abs(none.steps.map(\.hours).reduce(0, +) - 40) < 1e-9)
    }

    @Test func aDossierWalksItsStepsToDoneAndReturned() throws {
        var p = ProcessPlan.Position(state: .received, step: 0, assignee: nil)
        p = try plan.apply(.complete, to: p, by: "motcua", role: .clerk)
        #expect(p == .init(state: .inProcess, step: 1, assignee: nil))
        p = try plan.apply(.claim, to: p, by: "tuphap", role: .official)
        #expect(p.assignee == "tuphap")
        #expect(throws: ProcessPlan.Refusal.notAssignee) {
            try plan.apply(.complete, to: p, by: "other", role: .official)
        }
        p = try plan.apply(.complete, to: p, by: "tuphap", role: .official)
        p = try plan.apply(.sendBack, to: p, by: "chutich", role: .leader)
        #expect(p == .init(state: .inProcess, step: 1, assignee: nil))
        p = try plan.apply(.complete, to: p, by: "tuphap", role: .official)
        p = try plan.apply(.complete, to: p, by: "chutich", role: .leader)
        p = try plan.apply(.complete, to: p, by: "vanphong", role: .office)
        #expect(p.state == .done)
        p = try plan.apply(.returnResult, to: p, by: "motcua", role: .clerk)
        #expect(p.state == .returned)
    }

    @Test func supplementsPauseAndStopsEndBeforeAResult() throws {
        var p = ProcessPlan.Position(state: .inProcess, step: 1, assignee: "tuphap")
        p = try plan.apply(.requestSupplement, to: p, by: "tuphap", role: .official)
        #expect(p.state == .supplementRequestedInProcess)
        #expect(throws: ProcessPlan.Refusal.notInProcess) {
            try plan.apply(.complete, to: p, by: "tuphap", role: .official)
        }
        p = try plan.apply(.resume, to: p, by: "motcua", role: .clerk)
        #expect(p == .init(state: .inProcess, step: 1, assignee: "tuphap"))
        let assigned = try plan.apply(.assign, to: p, by: "chutich", role: .leader, assignee: "tuphap2")
        #expect(assigned.assignee == "tuphap2")
        #expect(try plan.apply(.stop, to: p, by: "motcua", role: .clerk).state == .stopped)
        #expect(throws: ProcessPlan.Refusal.finished) {
            try plan.apply(.stop, to: .init(state: .done, step: 3, assignee: nil), by: "motcua", role: .clerk)
        }
    }

    /// Every state × action × role: the allowed combinations are exactly these.
    @Test func everyStateActionAndRoleIsAllowedOrRefusedWithAReason() {
        for state in DossierState.allCases {
            for action in ProcessPlan.Action.allCases {
                for role in Role.allCases {
                    for step in 0...plan.lastStep {
                        let position = ProcessPlan.Position(state: state, step: step, assignee: nil)
                        let result = Result { () throws(ProcessPlan.Refusal) in
                            try plan.apply(action, to: position, by: "u", role: role)
                        }
                        let stepRole = plan.steps[step].role
                        let expected: Bool
                        switch action {
                        case .returnResult: expected = state == .done && role == .clerk
                        case .sendBack:
                            expected = [.received, .inProcess].contains(state) && role == stepRole && step > 0
                        case .claim, .complete: expected = [.received, .inProcess].contains(state) && role == stepRole
                        case .assign: expected = [.received, .inProcess].contains(state) && role == .leader
                        case .requestSupplement:
                            expected = [.received, .inProcess].contains(state) && (role == stepRole || role == .clerk)
                        case .resume: expected = state == .supplementRequestedInProcess && role == .clerk
                        case .stop:
                            expected =
                                [.received, .inProcess, .supplementRequestedInProcess].contains(state) && role == .clerk
                        case .transfer: expected = [.received, .inProcess].contains(state) && role == stepRole
                        case .returnTransfer: expected = state == .transferred && (role == .official || role == .leader)
                        case .apologize:
                            expected =
                                [.received, .inProcess, .supplementRequestedInProcess].contains(state)
                                && role == .leader
                        }
                        switch result {
                        case .success: #expect(expected, "\(state) \(action) \(role) step \(step) was allowed")
                        case .failure(let refusal):
                            #expect(!expected, "\(state) \(action) \(role) step \(step) was refused: \(refusal)")
                            #expect(!refusal.vi.isEmpty && !refusal.en.isEmpty)
                        }
                    }
                }
            }
        }
    }
}
