/// The roles of CONTRACT (`phuongso user add --role …`), stored as these strings.
public enum Role: String, Codable, Sendable, CaseIterable {
    case citizen, clerk, official, leader, office
    case unitAdmin = "unit-admin"
    case supervisor, admin

    /// Roles that must belong to a unit (all but citizens and system administrators).
    public var needsUnit: Bool { self != .citizen && self != .admin }

    public var vietnameseName: String {
        switch self {
        case .citizen: return "Công dân"
        case .clerk: return "Cán bộ Một cửa"
        case .official: return "Công chức chuyên môn"
        case .leader: return "Lãnh đạo UBND"
        case .office: return "Văn phòng HĐND-UBND"
        case .unitAdmin: return "Quản trị đơn vị"
        case .supervisor: return "Giám sát cấp tỉnh"
        case .admin: return "Quản trị hệ thống"
        }
    }

    public var englishName: String {
        switch self {
        case .citizen: return "Citizen"
        case .clerk: return "Counter clerk"
        case .official: return "Field official"
        case .leader: return "Leader"
        case .office: return "Ward office"
        case .unitAdmin: return "Unit administrator"
        case .supervisor: return "Provincial supervisor"
        case .admin: return "System administrator"
        }
    }
}

/// What a request wants to do. Every protected route names one.
public enum Action: String, Sendable, CaseIterable {
    case viewUnits, manageUnits
    case manageFields
    case viewAccounts, manageAccounts
    case viewAudit
    case viewCalendar, manageCalendar
    case manageCatalog
    case receiveDossiers, viewDossiers
    case applyOnline
    case apologizeForDelay
    case useStaffPages
    case collectFees, reconcilePayments, viewPaymentReports
    case issueResults, manageSigningKeys
    /// Issue and revoke the keys of Open311 apps (they create feedback for any unit).
    case manageOpen311Keys
    // Reform management (directive items 1a–1đ): plans, tasks, inspections, initiatives, communication.
    case viewReform, managePlans, assignTasks, workOnTasks, manageInspections, manageInitiatives, logCommunication
    // Periodic CCHC reports (directive, closing item): the ward writes and submits, the province reviews.
    case writeReports, reviewReports
    // PAR Index (directive items 3–4): the province issues the criteria and appraises; the office
    // runs the ward's self-assessment; every official scores the criteria assigned to them.
    case manageParFrameworks, runParAssessment, selfAssessPar, appraisePar
    /// Feedback (phản ánh, kiến nghị): see the list, log one at the counter or from a call, route it
    /// (and reject, forward, publish), draft an answer, approve the answer.
    case viewFeedback, receiveFeedback, handleFeedback, answerFeedback, approveFeedback
    /// Staff evaluation (issue 17): see scorecards (the service narrows it to one's own, one's unit's
    /// or the supervised units'), assess oneself, review and confirm others, issue the schemes, keep
    /// the training and discipline records.
    case viewEvaluations, selfAssessEvaluation, reviewEvaluations, manageEvaluationSchemes, keepStaffRecords
}

/// Role × action: who may do what (the unit scope is checked separately by `UnitScope`).
public enum AccessPolicy {
    public static func allows(_ role: Role, _ action: Action) -> Bool {
        switch action {
        case .viewUnits: return [.admin, .supervisor, .unitAdmin, .leader, .office].contains(role)
        case .manageUnits: return role == .admin
        case .manageFields: return [.admin, .unitAdmin].contains(role)
        case .viewAccounts: return [.admin, .unitAdmin, .supervisor].contains(role)
        case .manageAccounts: return [.admin, .unitAdmin].contains(role)
        case .viewAudit: return role == .admin  // audit lines span every unit
        case .viewCalendar: return role != .citizen
        case .manageCalendar: return [.admin, .unitAdmin].contains(role)
        // The ward office keeps the catalogue current (directive item 2c).
        case .manageCatalog: return [.admin, .unitAdmin, .office].contains(role)
        case .receiveDossiers: return role == .clerk
        case .viewDossiers: return role != .citizen
        case .applyOnline: return role == .citizen
        // The People's Committee signs the apology (BM.04).
        case .apologizeForDelay: return role == .leader
        case .useStaffPages: return role != .citizen
        // Fees are collected and refunded at the counter; the office reconciles the bank statement.
        case .collectFees: return role == .clerk
        case .reconcilePayments: return [.clerk, .office].contains(role)
        case .viewPaymentReports: return [.clerk, .office, .leader, .supervisor, .admin].contains(role)
        // An electronic result is signed by the unit on the leader's or the field official's action.
        case .issueResults: return [.leader, .official].contains(role)
        case .manageSigningKeys: return [.admin, .unitAdmin].contains(role)
        case .manageOpen311Keys: return role == .admin
        // Everyone on the ward's staff sees the reform work; the province reads the wards below it.
        case .viewReform: return [.clerk, .official, .leader, .office, .supervisor].contains(role)
        // The ward office drafts the CCHC plan for the chairman to sign (directive, closing item).
        case .managePlans: return [.office, .leader].contains(role)
        // Leaders assign and accept (item 1b); the office assigns the follow-ups it runs.
        case .assignTasks: return [.leader, .office].contains(role)
        // Whoever may own a task reports on it; the task itself checks it is theirs.
        case .workOnTasks: return [.clerk, .official, .leader, .office].contains(role)
        case .manageInspections: return [.office, .leader].contains(role)
        // Any staff member may propose an initiative (item 1đ); the office runs the council.
        case .manageInitiatives: return [.clerk, .official, .leader, .office].contains(role)
        case .logCommunication: return [.office, .leader].contains(role)
        // The office drafts the periodic report for the chairman to sign and sends it up.
        case .writeReports: return [.office, .leader].contains(role)
        // The province's supervisor accepts a ward's report or returns it with comments.
        case .reviewReports: return role == .supervisor
        // The province's supervisor issues the framework; a ward office may enter the one its
        // province published when the province has not (replacing one is the province's).
        case .manageParFrameworks: return [.supervisor, .office].contains(role)
        // The office runs the ward's side; the chairman, who answers for the index, may too.
        case .runParAssessment: return [.office, .leader].contains(role)
        case .selfAssessPar: return [.clerk, .official, .leader, .office].contains(role)
        case .appraisePar: return role == .supervisor
        case .viewFeedback: return [.clerk, .official, .leader, .office, .supervisor].contains(role)
        case .receiveFeedback: return [.clerk, .office, .leader].contains(role)
        case .handleFeedback: return [.office, .leader].contains(role)
        // The service lets an official answer only what is assigned to them.
        case .answerFeedback: return [.clerk, .official, .leader, .office].contains(role)
        case .approveFeedback: return role == .leader
        case .viewEvaluations: return [.clerk, .official, .leader, .office, .supervisor].contains(role)
        case .selfAssessEvaluation: return [.clerk, .official, .leader, .office].contains(role)
        // A ward's leader reviews and confirms its staff; the province's supervisor its chairmen
        // (nobody confirms their own sheet — the service checks that).
        case .reviewEvaluations: return [.leader, .supervisor].contains(role)
        // The province issues the sheets; a ward office may enter the national scale (as for PAR).
        case .manageEvaluationSchemes: return [.supervisor, .office].contains(role)
        // The ward office keeps the personnel records (Văn phòng HĐND-UBND).
        case .keepStaffRecords: return [.office, .leader].contains(role)
        }
    }

    public static func roles(allowedTo action: Action) -> [Role] { Role.allCases.filter { allows($0, action) } }
}

/// Unit scope: a person acts on their own unit and, for supervisors and unit administrators,
/// the units below it; system administrators act everywhere.
public struct UnitScope: Sendable {
    /// Parent of each unit, by id.
    public let parents: [String: String?]
    public init(parents: [String: String?]) { self.parents = parents }

    /// Whether `unit` is `ancestor` or lies below it.
    public func contains(_ unit: String, within ancestor: String) -> Bool {
        var current: String? = unit
        var steps = 0
        while let c = current, steps <= parents.count {
            if c == ancestor { return true }
            current = parents[c] ?? nil
            steps += 1
        }
        return false
    }

    public func allows(role: Role, homeUnit: String?, target: String) -> Bool {
        switch role {
        case .admin: return true
        case .supervisor, .unitAdmin:
            guard let home = homeUnit else { return false }
            return contains(target, within: home)
        case .citizen: return false
        default: return homeUnit == target
        }
    }
}
