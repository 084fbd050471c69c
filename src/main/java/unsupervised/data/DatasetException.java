package unsupervised.data;

/** A data set file is missing, truncated or corrupt; the message says which file, where we looked and the fix. */
public class DatasetException extends RuntimeException {
    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
