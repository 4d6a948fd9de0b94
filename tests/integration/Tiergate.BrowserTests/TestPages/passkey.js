// Served from the same origin as the page: the console's Content-Security-Policy allows no inline script.
'use strict';
const status = document.getElementById('status');
const toBase64Url = buffer => btoa(String.fromCharCode(...new Uint8Array(buffer)))
  .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromBase64Url = text => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), c => c.charCodeAt(0));

async function serverOptions() {
  const answer = await fetch('/test/webauthn/options');
  return answer.json();
}

// What the page saw, for the test to read: the credential id and what the browser put in clientDataJSON.
function show(outcome, credential) {
  const client = JSON.parse(new TextDecoder().decode(credential.response.clientDataJSON));
  status.dataset.credentialId = credential.id;
  status.dataset.origin = client.origin;
  status.dataset.challenge = client.challenge;
  status.dataset.type = client.type;
  if (credential.response.userHandle) {
    status.dataset.userHandle = toBase64Url(credential.response.userHandle);
  }
  status.textContent = `${outcome}: ${credential.id}`;
}

function fail(error) {
  status.dataset.error = error.name;
  status.textContent = `error: ${error.name}: ${error.message}`;
}

document.getElementById('create').addEventListener('click', async () => {
  try {
    const options = await serverOptions();
    const credential = await navigator.credentials.create({
      publicKey: {
        challenge: fromBase64Url(options.challenge),
        rp: { id: options.rpId, name: 'Tiergate test' },
        user: { id: fromBase64Url(options.userId), name: options.userName, displayName: options.userName },
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }, { type: 'public-key', alg: -257 }],
        authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
        attestation: 'none',
        timeout: 10000,
      },
    });
    show('registered', credential);
  } catch (error) {
    fail(error);
  }
});

document.getElementById('sign-in').addEventListener('click', async () => {
  try {
    const options = await serverOptions();
    // No allowCredentials: the authenticator offers its discoverable credential, as a passkey sign-in does.
    const credential = await navigator.credentials.get({
      publicKey: {
        challenge: fromBase64Url(options.challenge),
        rpId: options.rpId,
        userVerification: 'required',
        timeout: 10000,
      },
    });
    show('signed in', credential);
  } catch (error) {
    fail(error);
  }
});
