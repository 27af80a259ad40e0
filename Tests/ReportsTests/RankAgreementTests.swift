import Testing
@testable import Reports

@Suite struct RankAgreementTests {
  @Test("occlusion is the reference when present, else the first method; none for one method")
  func reference() {
    #expect(RankAgreement.referenceIndex(methods: ["trajectory", "occlusion"]) == 1)
    #expect(RankAgreement.referenceIndex(methods: ["trajectory", "grad-input"]) == 0)
    #expect(RankAgreement.referenceIndex(methods: ["trajectory"]) == nil)
  }
}
