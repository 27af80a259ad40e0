import Testing
@testable import Reports

@Suite struct RankAgreementTests {
  @Test("the preferred method is the reference when present, else the first method; none for one method")
  func reference() {
    #expect(RankAgreement.referenceIndex(methods: ["trajectory", "occlusion"], preferred: "occlusion") == 1)
    #expect(RankAgreement.referenceIndex(methods: ["trajectory", "grad-input"], preferred: "occlusion") == 0)
    #expect(RankAgreement.referenceIndex(methods: ["trajectory"], preferred: "occlusion") == nil)
  }
}
