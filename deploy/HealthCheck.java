import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * The images' HEALTHCHECK. The slim JRE images promise no curl or wget (the Temurin images ship
 * them only "for historical reasons"), and a JRE has no compiler, so the single-file source
 * launcher cannot run this either: the build stage compiles it with {@code javac}, and the run
 * stage runs the class with the JRE that is there anyway. Only {@code java.base} is used.
 *
 * <pre>
 * java -cp /opt/arcal/healthcheck HealthCheck http://127.0.0.1:8080/healthz   # 2xx = healthy
 * java -cp /opt/arcal/healthcheck HealthCheck tcp://127.0.0.1:50051           # accepts = healthy
 * </pre>
 *
 * {@code ${VAR:-default}} in the target is replaced from the environment, so the check follows a
 * port changed at run time. Exit code 0 means healthy, 1 unhealthy (Docker's convention).
 */
public final class HealthCheck {
  private static final int TIMEOUT_MILLIS = 3000;

  private HealthCheck() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: HealthCheck http://host:port/path | tcp://host:port");
      System.exit(1);
    }
    try {
      URI target = URI.create(expand(args[0]));
      boolean healthy = "tcp".equals(target.getScheme()) ? accepts(target) : answers2xx(target);
      System.exit(healthy ? 0 : 1);
    } catch (IOException | RuntimeException e) {
      System.err.println("unhealthy: " + e);
      System.exit(1);
    }
  }

  private static boolean answers2xx(URI target) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) target.toURL().openConnection();
    connection.setConnectTimeout(TIMEOUT_MILLIS);
    connection.setReadTimeout(TIMEOUT_MILLIS);
    try {
      int status = connection.getResponseCode();
      if (status / 100 != 2) {
        System.err.println("unhealthy: " + target + " answered " + status);
      }
      return status / 100 == 2;
    } finally {
      connection.disconnect();
    }
  }

  private static boolean accepts(URI target) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(target.getHost(), target.getPort()), TIMEOUT_MILLIS);
      return true;
    }
  }

  /** Replaces each {@code ${NAME:-default}} with the variable's value, or the default. */
  static String expand(String text) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int start = text.indexOf("${", i);
      int end = start < 0 ? -1 : text.indexOf('}', start);
      if (start < 0 || end < 0) {
        out.append(text, i, text.length());
        break;
      }
      out.append(text, i, start);
      String expression = text.substring(start + 2, end);
      int dash = expression.indexOf(":-");
      String name = dash < 0 ? expression : expression.substring(0, dash);
      String fallback = dash < 0 ? "" : expression.substring(dash + 2);
      String value = System.getenv(name);
      out.append(value == null || value.isBlank() ? fallback : value);
      i = end + 1;
    }
    return out.toString();
  }
}
