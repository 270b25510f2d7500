/// The OpenAPI operations and schemas of reform management, gathered from each capability so
/// that each keeps its description next to its routes.
enum ReformAPIDocument {
    static var operations: [OpenAPIDocument.Operation] {
        TasksAPI.operations + PlansAPI.operations + InspectionsAPI.operations + InitiativesAPI.operations
            + CommunicationAPI.operations + ReformOverviewController.operations
            + Index766Controller.operations + ReformReportAPI.operations + ReportScheduleController.operations
            + ParIndexAPI.operations
            + DialogueAPI.operations + FeedbackAPI.operations
            + StaffRecordAPI.operations
            + EvaluationSchemeAPI.operations
            + EvaluationController.apiOperations
    }
    static var schemas: [(String, JSONValue)] {
        TasksAPI.schemas + PlansAPI.schemas + InspectionsAPI.schemas + InitiativesAPI.schemas + CommunicationAPI.schemas
            + ReformReportAPI.schemas + ReportScheduleController.schemas + ParIndexAPI.schemas + DialogueAPI.schemas
            + FeedbackAPI.schemas
            + StaffRecordAPI.schemas
            + EvaluationSchemeAPI.schemas
    }
}
