import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.util.DefaultReportImpl;
import com.adobe.epubcheck.util.ReportingLevel;
import java.io.File;

public class CheckMany {
  /** Validates each book named on the command line; messages and a result line per book, in order. */
  public static void main(String[] args) throws Exception {
    System.setErr(System.out);
    for (String path : args) {
      DefaultReportImpl report = new DefaultReportImpl(path);
      report.setReportingLevel(ReportingLevel.Usage);
      new EpubCheck(new File(path), report).doValidate();
      System.out.println("@@RESULT\t" + path + "\t" + report.getFatalErrorCount() + "\t" + report.getErrorCount()
          + "\t" + report.getWarningCount() + "\t" + report.getUsageCount());
    }
  }
}
