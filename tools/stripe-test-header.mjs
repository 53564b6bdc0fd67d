// Prints the Stripe-Signature header that Stripe's own Node library makes for a payload, so
// that tenantryd's verifier is checked against Stripe's implementation, not against itself.
// Usage: node tools/stripe-test-header.mjs <secret> <timestamp> <payload file>
import { readFileSync } from 'node:fs';
import Stripe from 'stripe';

const [secret, timestamp, file] = process.argv.slice(2);
if (!secret || !timestamp || !file) {
    console.error('usage: stripe-test-header.mjs <secret> <timestamp> <payload file>');
    process.exit(2);
}
const stripe = new Stripe('sk_test_unused');
const payload = readFileSync(file, 'utf8');
process.stdout.write(
    stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: Number(timestamp) }));
