#pragma once

// Decoders for the bodies of the API's answers: bytes in, a value or an Error out (the codes of
// core/json/codecs.h, with the JSON pointer of the offending value). nlohmann/json stays behind
// these functions. They are pure and thread-safe: jobs run them on a worker thread.

#include "client/auditevent.h"
#include "client/billingdrift.h"
#include "client/billingstate.h"
#include "client/jobrecord.h"
#include "client/listpage.h"
#include "client/mrreventrecord.h"
#include "client/note.h"
#include "client/session.h"
#include "client/spendrecord.h"
#include "client/tenantuser.h"
#include "client/user.h"
#include "client/webhookevent.h"
#include "core/entitlements.h"
#include "core/feature.h"
#include "core/featureoverride.h"
#include "core/invoice.h"
#include "core/plan.h"
#include "core/result.h"
#include "core/subscription.h"
#include "core/tenant.h"

#include <QByteArray>

namespace Tenantry::ApiCodecs {

Result<User> decodeUser(const QByteArray &body);
Result<Session> decodeSession(const QByteArray &body);
Result<Tenant> decodeTenant(const QByteArray &body);
Result<Plan> decodePlan(const QByteArray &body);
Result<Note> decodeNote(const QByteArray &body);
Result<Subscription> decodeSubscription(const QByteArray &body);
Result<FeatureOverride> decodeFeatureOverride(const QByteArray &body);
Result<TenantUser> decodeTenantUser(const QByteArray &body);
// Billing: the provider and its test clock, the webhook inbox, background jobs and the drift
// rows of a reconciliation.
Result<BillingState> decodeBillingState(const QByteArray &body);
Result<WebhookEvent> decodeWebhookEvent(const QByteArray &body);
Result<JobRecord> decodeJobRecord(const QByteArray &body);
Result<BillingDrift> decodeBillingDrift(const QByteArray &body);

// List pages. A page that says has_more without a next_cursor is an error (it could not be
// continued).
Result<ListPage<Tenant>> decodeTenantPage(const QByteArray &body);
Result<ListPage<Note>> decodeNotePage(const QByteArray &body);
Result<ListPage<Plan>> decodePlanPage(const QByteArray &body);
Result<ListPage<Feature>> decodeFeaturePage(const QByteArray &body);
Result<ListPage<AuditEvent>> decodeAuditEventPage(const QByteArray &body);
Result<ListPage<Subscription>> decodeSubscriptionPage(const QByteArray &body);
Result<ListPage<Invoice>> decodeInvoicePage(const QByteArray &body);
Result<ListPage<Entitlement>> decodeEntitlementPage(const QByteArray &body);
Result<ListPage<FeatureOverride>> decodeFeatureOverridePage(const QByteArray &body);
Result<ListPage<TenantUser>> decodeTenantUserPage(const QByteArray &body);
Result<ListPage<WebhookEvent>> decodeWebhookEventPage(const QByteArray &body);
Result<ListPage<BillingDrift>> decodeBillingDriftPage(const QByteArray &body);
Result<ListPage<JobRecord>> decodeJobRecordPage(const QByteArray &body);
// The metrics feeds (GET /v1/metrics/events and /v1/metrics/spend).
Result<ListPage<MrrEventRecord>> decodeMrrEventPage(const QByteArray &body);
Result<ListPage<SpendRecord>> decodeSpendPage(const QByteArray &body);

} // namespace Tenantry::ApiCodecs
