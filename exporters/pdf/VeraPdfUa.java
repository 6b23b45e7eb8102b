// Validates PDF files against veraPDF's PDF/UA-1 profile in one JVM; used by exporters/pdf/verapdf.py.
// Output, one line each, tab-separated: FILE path | FAIL clause test description context | DONE path passed failed
// | ERROR path message.
import java.io.File;
import java.util.List;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.VeraPDFFoundry;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

public final class VeraPdfUa {
    private static String clean(String s) {
        return s == null ? "" : s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }

    public static void main(String[] args) throws Exception {
        VeraGreenfieldFoundryProvider.initialise();
        try (VeraPDFFoundry foundry = Foundries.defaultInstance()) {
            PDFAValidator validator = foundry.createValidator(PDFAFlavour.PDFUA_1, 100, false, true, false);
            for (String path : args) {
                System.out.println("FILE\t" + path);
                try (PDFAParser parser = foundry.createParser(new File(path), PDFAFlavour.PDFUA_1)) {
                    ValidationResult result = validator.validate(parser);
                    int passed = 0;
                    int failed = 0;
                    List<TestAssertion> assertions = result.getTestAssertions();
                    for (TestAssertion a : assertions) {
                        if (a.getStatus() == TestAssertion.Status.FAILED) {
                            failed++;
                            System.out.println("FAIL\t" + a.getRuleId().getClause() + "\t"
                                + a.getRuleId().getTestNumber() + "\t" + clean(a.getMessage()) + "\t"
                                + clean(a.getLocationContext()) + "\t" + clean(a.getErrorMessage()));
                        } else {
                            passed++;
                        }
                    }
                    System.out.println("DONE\t" + path + "\t" + result.getTotalAssertions() + "\t" + failed
                        + "\t" + result.isCompliant());
                } catch (Exception e) {
                    System.out.println("ERROR\t" + path + "\t" + clean(e.toString()));
                }
                System.out.flush();
            }
        }
    }
}
