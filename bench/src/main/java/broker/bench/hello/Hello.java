package broker.bench.hello;

/** The baseline: a Java hello world, started through a copy of the client's launcher. */
public final class Hello {
    private Hello() {
    }

    public static void main(String[] args) {
        System.out.println("hello");
    }
}
