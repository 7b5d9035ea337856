package com.metasupervisor.risk.domain;

/**
 * The errors of a CVaR window in ascending order (ties by the row's sequence number, so every row is one
 * entry), as a treap whose nodes carry their subtree's count, error sum and realized sum: insert, remove,
 * the k-th lowest error and the sum of the k lowest all cost O(log n), whatever the window's size. Sums are
 * recomputed from the children on every change, so they never drift as rows come and go.
 * Not thread-safe: part of one {@link CvarWindow}.
 */
final class SortedErrors {

    private static final class Node {
        final double error;
        final long seq;
        final double realized;
        final long priority;
        Node left;
        Node right;
        int size;
        double errorSum;
        double realizedSum;

        Node(double error, long seq, double realized) {
            this.error = error;
            this.seq = seq;
            this.realized = realized;
            this.priority = mix(seq); // deterministic: the same rows give the same tree
            update();
        }

        void update() {
            size = 1 + size(left) + size(right);
            errorSum = errorSum(left) + error + errorSum(right);
            realizedSum = realizedSum(left) + realized + realizedSum(right);
        }
    }

    private Node root;

    int size() {
        return size(root);
    }

    /** Sum of every error. */
    double errorSum() {
        return errorSum(root);
    }

    /** Sum of every realized PnL. */
    double realizedSum() {
        return realizedSum(root);
    }

    void insert(double error, long seq, double realized) {
        root = insert(root, new Node(error, seq, realized));
    }

    /** Removes the row's entry; it must be there. */
    void remove(double error, long seq) {
        int before = size(root);
        root = remove(root, error, seq);
        if (size(root) != before - 1) {
            throw new IllegalStateException("error " + error + " of row " + seq + " is not in the sorted errors");
        }
    }

    /** The k-th lowest error, 1 ≤ k ≤ size (Double.compare's order: −0.0 before 0.0, as Arrays.sort). */
    double kthLowest(int k) {
        Node node = root;
        while (true) {
            int leftSize = size(node.left);
            if (k <= leftSize) {
                node = node.left;
            } else if (k == leftSize + 1) {
                return node.error;
            } else {
                k -= leftSize + 1;
                node = node.right;
            }
        }
    }

    /** Sum of the k lowest errors, 0 ≤ k ≤ size. */
    double sumOfLowest(int k) {
        double sum = 0;
        Node node = root;
        while (k > 0) {
            int leftSize = size(node.left);
            if (k <= leftSize) {
                node = node.left;
            } else {
                sum += errorSum(node.left) + node.error;
                k -= leftSize + 1;
                node = node.right;
            }
        }
        return sum;
    }

    private static int compare(double error, long seq, Node node) {
        int c = Double.compare(error, node.error);
        return c != 0 ? c : Long.compare(seq, node.seq);
    }

    private static Node insert(Node node, Node added) {
        if (node == null) {
            return added;
        }
        if (compare(added.error, added.seq, node) < 0) {
            node.left = insert(node.left, added);
            if (node.left.priority > node.priority) {
                node = rotateRight(node);
            }
        } else {
            node.right = insert(node.right, added);
            if (node.right.priority > node.priority) {
                node = rotateLeft(node);
            }
        }
        node.update();
        return node;
    }

    private static Node remove(Node node, double error, long seq) {
        if (node == null) {
            return null;
        }
        int c = compare(error, seq, node);
        if (c < 0) {
            node.left = remove(node.left, error, seq);
        } else if (c > 0) {
            node.right = remove(node.right, error, seq);
        } else {
            return merge(node.left, node.right);
        }
        node.update();
        return node;
    }

    /** Joins two treaps, every entry of {@code a} before every entry of {@code b}. */
    private static Node merge(Node a, Node b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if (a.priority > b.priority) {
            a.right = merge(a.right, b);
            a.update();
            return a;
        }
        b.left = merge(a, b.left);
        b.update();
        return b;
    }

    private static Node rotateRight(Node node) {
        Node left = node.left;
        node.left = left.right;
        node.update();
        left.right = node;
        left.update();
        return left;
    }

    private static Node rotateLeft(Node node) {
        Node right = node.right;
        node.right = right.left;
        node.update();
        right.left = node;
        right.update();
        return right;
    }

    private static int size(Node node) {
        return node == null ? 0 : node.size;
    }

    private static double errorSum(Node node) {
        return node == null ? 0 : node.errorSum;
    }

    private static double realizedSum(Node node) {
        return node == null ? 0 : node.realizedSum;
    }

    /** SplitMix64's finaliser: well-spread priorities from consecutive sequence numbers. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
