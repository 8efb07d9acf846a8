export { acceptFoodBusinessCase, createCertificateTestApp, foodBusinessApplicant, foodBusinessMaterials, type CertificateTestApp } from './certificate-test-app.js';
export { createTestApp, fixtureMetadataDir, type TestApp, type TestClient, type TestClientOptions, type Caller } from './create-test-app.js';
export { testDatabaseKinds } from '@xlgl/db/testing';
export { exampleValues } from './example-values.js';
export { enterpriseCase } from './enterprise-case.js';
export { newItem } from './new-item.js';
export { refusal } from './refusal.js';
