import Testing
@testable import MailIntake

@Suite struct CaseModelTests {
    @Test func schemaNameIsTheContractOne() {
        #expect(IntakeCase.schemaName == "second-opinion-case/1")
    }
}
