//! XTS-AES (IEEE Std 1619-2018 §5, NIST SP 800-38E): the IEEE 1619 Annex B
//! known answers (vectors 1-18), records of the NIST CAVP XTSGenAES128/256
//! files, an independent reference written from the standard, a
//! differential check against the `xts-mode` crate, sector runs against
//! per-sector calls, in place against buffer to buffer, and the error paths.

use aes::{Aes128, Aes256};
use blockmodes::cipher::{Block, BlockCipherDecrypt, BlockSizeUser, KeyInit, typenum::U16};
use blockmodes::{Error, Xts};
type Camellia128 = blockmodes::Generic<camellia::Camellia128>;
use proptest::prelude::*;

fn hex(s: &str) -> Vec<u8> {
    if s == PATTERN {
        return (0..512).map(|i| i as u8).collect();
    }
    let s: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    assert!(s.len().is_multiple_of(2), "odd hex");
    s.chunks(2)
        .map(|p| u8::from_str_radix(std::str::from_utf8(p).unwrap(), 16).unwrap())
        .collect()
}

fn xts_from_halves<C>(key1: &[u8], key2: &[u8]) -> Xts<C>
where
    C: BlockSizeUser<BlockSize = U16> + KeyInit,
{
    Xts::new(
        C::new_from_slice(key1).unwrap(),
        C::new_from_slice(key2).unwrap(),
    )
}

// ---------------------------------------------------------------------------
// The reference: IEEE Std 1619-2018 §5.2-§5.4 written out the long way, one
// block at a time through the cipher's own single-block calls, with the
// tweak multiplied byte by byte as §5.2 prints it. None of the crate's code.

/// §5.2: a_{j+1} = a_j ⊗ α on the 16-byte tweak, byte 0 least significant.
fn ref_mul_alpha(t: &mut [u8; 16]) {
    let mut carry = 0u8;
    for b in t.iter_mut() {
        let out = *b >> 7;
        *b = (*b << 1) | carry;
        carry = out;
    }
    if carry == 1 {
        t[0] ^= 0x87;
    }
}

/// §5.3.1 / §5.4.1 on one block with tweak value `t`.
fn ref_block<C>(cipher: &C, t: &[u8; 16], block: &[u8], encrypt: bool) -> [u8; 16]
where
    C: blockmodes::Kernels + BlockCipherDecrypt + BlockSizeUser<BlockSize = U16>,
{
    let mut x = Block::<C>::default();
    for i in 0..16 {
        x[i] = block[i] ^ t[i];
    }
    if encrypt {
        cipher.encrypt_block(&mut x);
    } else {
        cipher.decrypt_block(&mut x);
    }
    let mut out = [0u8; 16];
    for i in 0..16 {
        out[i] = x[i] ^ t[i];
    }
    out
}

/// §5.3.2 / §5.4.2: one data unit, ciphertext stealing included.
fn reference<C>(key1: &[u8], key2: &[u8], tweak: &[u8; 16], data: &[u8], encrypt: bool) -> Vec<u8>
where
    C: blockmodes::Kernels + BlockCipherDecrypt + BlockSizeUser<BlockSize = U16> + KeyInit,
{
    assert!(data.len() >= 16);
    let c1 = C::new_from_slice(key1).unwrap();
    let c2 = C::new_from_slice(key2).unwrap();
    let mut t0 = Block::<C>::from(*tweak);
    c2.encrypt_block(&mut t0);
    // T_j for j = 0 ..= m
    let m = data.len() / 16;
    let b = data.len() % 16;
    let mut tweaks = vec![<[u8; 16]>::try_from(&t0[..]).unwrap()];
    for _ in 0..m {
        let mut t = *tweaks.last().unwrap();
        ref_mul_alpha(&mut t);
        tweaks.push(t);
    }
    let blk = |q: usize| &data[16 * q..16 * q + 16];
    let mut out = Vec::new();
    let whole = if b == 0 { m } else { m - 1 };
    for (q, t) in tweaks.iter().enumerate().take(whole) {
        out.extend_from_slice(&ref_block(&c1, t, blk(q), encrypt));
    }
    if b != 0 {
        // Encryption: CC = enc(P_{m-1}, T_{m-1}); C_{m-1} = enc(P_m || CC[b..], T_m).
        // Decryption: PP = dec(C_{m-1}, T_m); P_{m-1} = dec(C_m || PP[b..], T_{m-1}).
        let (first, second) = if encrypt { (m - 1, m) } else { (m, m - 1) };
        let cc = ref_block(&c1, &tweaks[first], blk(m - 1), encrypt);
        let mut pp = data[16 * m..].to_vec();
        pp.extend_from_slice(&cc[b..]);
        out.extend_from_slice(&ref_block(&c1, &tweaks[second], &pp, encrypt));
        out.extend_from_slice(&cc[..b]);
    }
    out
}

// ---------------------------------------------------------------------------
// IEEE Std 1619-2007 Annex B (unchanged in 1619-2018), vectors 1-18.
// Vectors 1-9 and 15-18 are XTS-AES-128, 10-14 XTS-AES-256. Vectors 4-14
// are 512-byte data units; 5, 6, 8 and 9 take the previous vector's
// ciphertext as their plaintext, as the Annex does. 15-18 are 17- to
// 20-byte data units (ciphertext stealing). The data unit sequence number
// is written little-endian into the tweak block.

/// Vector 4 ciphertext (= vector 5 plaintext).
const V4_CT: &str = "
27a7479befa1d476489f308cd4cfa6e2a96e4bbe3208ff25287dd3819616e89c
c78cf7f5e543445f8333d8fa7f56000005279fa5d8b5e4ad40e736ddb4d35412
328063fd2aab53e5ea1e0a9f332500a5df9487d07a5c92cc512c8866c7e860ce
93fdf166a24912b422976146ae20ce846bb7dc9ba94a767aaef20c0d61ad0265
5ea92dc4c4e41a8952c651d33174be51a10c421110e6d81588ede82103a252d8
a750e8768defffed9122810aaeb99f9172af82b604dc4b8e51bcb08235a6f434
1332e4ca60482a4ba1a03b3e65008fc5da76b70bf1690db4eae29c5f1badd03c
5ccf2a55d705ddcd86d449511ceb7ec30bf12b1fa35b913f9f747a8afd1b130e
94bff94effd01a91735ca1726acd0b197c4e5b03393697e126826fb6bbde8ecc
1e08298516e2c9ed03ff3c1b7860f6de76d4cecd94c8119855ef5297ca67e9f3
e7ff72b1e99785ca0a7e7720c5b36dc6d72cac9574c8cbbc2f801e23e56fd344
b07f22154beba0f08ce8891e643ed995c94d9a69c9f1b5f499027a78572aeebd
74d20cc39881c213ee770b1010e4bea718846977ae119f7a023ab58cca0ad752
afe656bb3c17256a9f6e9bf19fdd5a38fc82bbe872c5539edb609ef4f79c203e
bb140f2e583cb2ad15b4aa5b655016a8449277dbd477ef2c8d6c017db738b18d
eb4a427d1923ce3ff262735779a418f20a282df920147beabe421ee5319d0568";

/// Vector 5 ciphertext (= vector 6 plaintext).
const V5_CT: &str = "
264d3ca8512194fec312c8c9891f279fefdd608d0c027b60483a3fa811d65ee5
9d52d9e40ec5672d81532b38b6b089ce951f0f9c35590b8b978d175213f329bb
1c2fd30f2f7f30492a61a532a79f51d36f5e31a7c9a12c286082ff7d2394d18f
783e1a8e72c722caaaa52d8f065657d2631fd25bfd8e5baad6e527d763517501
c68c5edc3cdd55435c532d7125c8614deed9adaa3acade5888b87bef641c4c99
4c8091b5bcd387f3963fb5bc37aa922fbfe3df4e5b915e6eb514717bdd2a7407
9a5073f5c4bfd46adf7d282e7a393a52579d11a028da4d9cd9c77124f9648ee3
83b1ac763930e7162a8d37f350b2f74b8472cf09902063c6b32e8c2d9290cefb
d7346d1c779a0df50edcde4531da07b099c638e83a755944df2aef1aa31752fd
323dcb710fb4bfbb9d22b925bc3577e1b8949e729a90bbafeacf7f7879e7b114
7e28ba0bae940db795a61b15ecf4df8db07b824bb062802cc98a9545bb2aaeed
77cb3fc6db15dcd7d80d7d5bc406c4970a3478ada8899b329198eb61c193fb62
75aa8ca340344a75a862aebe92eee1ce032fd950b47d7704a3876923b4ad6284
4bf4a09c4dbe8b4397184b7471360c9564880aedddb9baa4af2e75394b08cd32
ff479c57a07d3eab5d54de5f9738b8d27f27a9f0ab11799d7b7ffefb2704c95c
6ad12c39f1e867a4b7b1d7818a4b753dfd2a89ccb45e001a03a867b187f225dd";

const V6_CT: &str = "
fa762a3680b76007928ed4a4f49a9456031b704782e65e16cecb54ed7d017b5e
18abd67b338e81078f21edb7868d901ebe9c731a7c18b5e6dec1d6a72e078ac9
a4262f860beefa14f4e821018272e411a951502b6e79066e84252c3346f3aa62
344351a291d4bedc7a07618bdea2af63145cc7a4b8d4070691ae890cd65733e7
946e9021a1dffc4c59f159425ee6d50ca9b135fa6162cea18a939838dc000fb3
86fad086acce5ac07cb2ece7fd580b00cfa5e98589631dc25e8e2a3daf2ffdec
26531659912c9d8f7a15e5865ea8fb5816d6207052bd7128cd743c12c8118791
a4736811935eb982a532349e31dd401e0b660a568cb1a4711f552f55ded59f1f
15bf7196b3ca12a91e488ef59d64f3a02bf45239499ac6176ae321c4a211ec54
5365971c5d3f4f09d4eb139bfdf2073d33180b21002b65cc9865e76cb24cd92c
874c24c18350399a936ab3637079295d76c417776b94efce3a0ef7206b151105
19655c956cbd8b2489405ee2b09a6b6eebe0c53790a12a8998378b33a5b71159
625f4ba49d2a2fdba59fbf0897bc7aabd8d707dc140a80f0f309f835d3da54ab
584e501dfa0ee977fec543f74186a802b9a37adb3e8291eca04d66520d229e60
401e7282bef486ae059aa70696e0e305d777140a7a883ecdcb69b9ff938e8a42
31864c69ca2c2043bed007ff3e605e014bcf518138dc3a25c5e236171a2d01d6";

const V7_PT: &str = "
8e41b78c390b5af9d758bb214a67e9f6bf7727b09ac6124084c37611398fa45d
aad94868600ed391fb1acd4857a95b466e62ef9f4b377244d1c152e7b30d731a
ad30c716d214b707aed99eb5b5e580b3e887cf7497465651d4b60e6042051da3
693c3b78c14489543be8b6ad0ba629565bba202313ba7b0d0c94a3252b676f46
cc02ce0f8a7d34c0ed229129673c1f61aed579d08a9203a25aac3a77e9db6026
7996db38df637356d9dcd1632e369939f2a29d89345c66e05066f1a3677aef18
dea4113faeb629e46721a66d0a7e785d3e29af2594eb67dfa982affe0aac058f
6e15864269b135418261fc3afb089472cf68c45dd7f231c6249ba0255e1e0338
33fc4d00a3fe02132d7bc3873614b8aee34273581ea0325c81f0270affa13641
d052d36f0757d484014354d02d6883ca15c24d8c3956b1bd027bcf41f151fd80
23c5340e5606f37e90fdb87c86fb4fa634b3718a30bace06a66eaf8f63c4aa3b
637826a87fe8cfa44282e92cb1615af3a28e53bc74c7cba1a0977be9065d0c1a
5dec6c54ae38d37f37aa35283e048e5530a85c4e7a29d7b92ec0c3169cdf2a80
5c7604bce60049b9fb7b8eaac10f51ae23794ceba68bb58112e293b9b692ca72
1b37c662f8574ed4dba6f88e170881c82cddc1034a0ca7e284bf0962b6b26292
d836fa9f73c1ac770eef0f2d3a1eaf61d3e03555fd424eedd67e18a18094f888";

/// Vector 7 ciphertext (= vector 8 plaintext).
const V7_CT: &str = "
d55f684f81f4426e9fde92a5ff02df2ac896af63962888a97910c1379e20b0a3
b1db613fb7fe2e07004329ea5c22bfd33e3dbe4cf58cc608c2c26c19a2e2fe22
f98732c2b5cb844cc6c0702d91e1d50fc4382a7eba5635cd602432a2306ac4ce
82f8d70c8d9bc15f918fe71e74c622d5cf71178bf6e0b9cc9f2b41dd8dbe441c
41cd0c73a6dc47a348f6702f9d0e9b1b1431e948e299b9ec2272ab2c5f0c7be8
6affa5dec87a0bee81d3d50007edaa2bcfccb35605155ff36ed8edd4a40dcd4b
243acd11b2b987bdbfaf91a7cac27e9c5aea525ee53de7b2d3332c8644402b82
3e94a7db26276d2d23aa07180f76b4fd29b9c0823099c9d62c519880aee7e969
7617c1497d47bf3e571950311421b6b734d38b0db91eb85331b91ea9f61530f5
4512a5a52a4bad589eb69781d537f23297bb459bdad2948a29e1550bf4787e0b
e95bb173cf5fab17dab7a13a052a63453d97ccec1a321954886b7a1299faaeec
ae35c6eaaca753b041b5e5f093bf83397fd21dd6b3012066fcc058cc32c3b09d
7562dee29509b5839392c9ff05f51f3166aaac4ac5f238038a3045e6f72e48ef
0fe8bc675e82c318a268e43970271bf119b81bf6a982746554f84e72b9f00280
a320a08142923c23c883423ff949827f29bbacdc1ccdb04938ce6098c95ba6b3
2528f4ef78eed778b2e122ddfd1cbdd11d1c0a6783e011fc536d63d053260637";

/// Vector 8 ciphertext (= vector 9 plaintext).
const V8_CT: &str = "
72efc1ebfe1ee25975a6eb3aa8589dda2b261f1c85bdab442a9e5b2dd1d7c395
7a16fc08e526d4b1223f1b1232a11af274c3d70dac57f83e0983c498f1a6f1ae
cb021c3e70085a1e527f1ce41ee5911a82020161529cd82773762daf5459de94
a0a82adae7e1703c808543c29ed6fb32d9e004327c1355180c995a07741493a0
9c21ba01a387882da4f62534b87bb15d60d197201c0fd3bf30c1500a3ecfecdd
66d8721f90bcc4c17ee925c61b0a03727a9c0d5f5ca462fbfa0af1c2513a9d9d
4b5345bd27a5f6e653f751693e6b6a2b8ead57d511e00e58c45b7b8d005af792
88f5c7c22fd4f1bf7a898b03a5634c6a1ae3f9fae5de4f296a2896b23e7ed43e
d14fa5a2803f4d28f0d3ffcf24757677aebdb47bb388378708948a8d4126ed18
39e0da29a537a8c198b3c66ab00712dd261674bf45a73d67f76914f830ca014b
65596f27e4cf62de66125a5566df9975155628b400fbfb3a29040ed50faffdbb
18aece7c5c44693260aab386c0a37b11b114f1c415aebb653be468179428d43a
4d8bc3ec38813eca30a13cf1bb18d524f1992d44d8b1a42ea30b22e6c95b199d
8d182f8840b09d059585c31ad691fa0619ff038aca2c39a943421157361717c4
9d322028a74648113bd8c9d7ec77cf3c89c1ec8718ceff8516d96b34c3c614f1
0699c9abc4ed0411506223bea16af35c883accdbe1104eef0cfdb54e12fb230a";

const V9_CT: &str = "
3260ae8dad1f4a32c5cafe3ab0eb95549d461a67ceb9e5aa2d3afb62dece0553
193ba50c75be251e08d1d08f1088576c7efdfaaf3f459559571e12511753b07a
f073f35da06af0ce0bbf6b8f5ccc5cea500ec1b211bd51f63b606bf6528796ca
12173ba39b8935ee44ccce646f90a45bf9ccc567f0ace13dc2d53ebeedc81f58
b2e41179dddf0d5a5c42f5d8506c1a5d2f8f59f3ea873cbcd0eec19acbf32542
3bd3dcb8c2b1bf1d1eaed0eba7f0698e4314fbeb2f1566d1b9253008cbccf45a
2b0d9c5c9c21474f4076e02be26050b99dee4fd68a4cf890e496e4fcae7b70f9
4ea5a9062da0daeba1993d2ccd1dd3c244b8428801495a58b216547e7e847c46
d1d756377b6242d2e5fb83bf752b54e0df71e889f3a2bb0f4c10805bf3c59037
6e3c24e22ff57f7fa965577375325cea5d920db94b9c336b455f6e894c01866f
e9fbb8c8d3f70a2957285f6dfb5dcd8cbf54782f8fe7766d4723819913ac7734
21e3a31095866bad22c86a6036b2518b2059b4229d18c8c2ccbdf906c6cc6e82
464ee57bddb0bebcb1dc645325bfb3e665ef7251082c88ebb1cf203bd779fdd3
8675713c8daadd17e1cabee432b09787b6ddf3304e38b731b45df5df51b78fcf
b3d32466028d0ba36555e7e11ab0ee0666061d1645d962444bc47a38188930a8
4b4d561395c73c087021927ca638b7afc8a8679ccb84c26555440ec7f10445cd";

const V10_CT: &str = "
1c3b3a102f770386e4836c99e370cf9bea00803f5e482357a4ae12d414a3e63b
5d31e276f8fe4a8d66b317f9ac683f44680a86ac35adfc3345befecb4bb188fd
5776926c49a3095eb108fd1098baec70aaa66999a72a82f27d848b21d4a741b0
c5cd4d5fff9dac89aeba122961d03a757123e9870f8acf1000020887891429ca
2a3e7a7d7df7b10355165c8b9a6d0a7de8b062c4500dc4cd120c0f7418dae3d0
b5781c34803fa75421c790dfe1de1834f280d7667b327f6c8cd7557e12ac3a0f
93ec05c52e0493ef31a12d3d9260f79a289d6a379bc70c50841473d1a8cc81ec
583e9645e07b8d9670655ba5bbcfecc6dc3966380ad8fecb17b6ba02469a020a
84e18e8f84252070c13e9f1f289be54fbc481457778f616015e1327a02b140f1
505eb309326d68378f8374595c849d84f4c333ec4423885143cb47bd71c5edae
9be69a2ffeceb1bec9de244fbe15992b11b77c040f12bd8f6a975a44a0f90c29
a9abc3d4d893927284c58754cce294529f8614dcd2aba991925fedc4ae74ffac
6e333b93eb4aff0479da9a410e4450e0dd7ae4c6e2910900575da401fc07059f
645e8b7e9bfdef33943054ff84011493c27b3429eaedb4ed5376441a77ed4385
1ad77f16f541dfd269d50d6a5f14fb0aab1cbb4c1550be97f7ab4066193c4caa
773dad38014bd2092fa755c824bb5e54c4f36ffda9fcea70b9c6e693e148c151";

const V11_CT: &str = "
77a31251618a15e6b92d1d66dffe7b50b50bad552305ba0217a610688eff7e11
e1d0225438e093242d6db274fde801d4cae06f2092c728b2478559df58e837c2
469ee4a4fa794e4bbc7f39bc026e3cb72c33b0888f25b4acf56a2a9804f1ce6d
3d6e1dc6ca181d4b546179d55544aa7760c40d06741539c7e3cd9d2f6650b201
3fd0eeb8c2b8e3d8d240ccae2d4c98320a7442e1c8d75a42d6e6cfa4c2eca179
8d158c7aecdf82490f24bb9b38e108bcda12c3faf9a21141c3613b58367f922a
aa26cd22f23d708dae699ad7cb40a8ad0b6e2784973dcb605684c08b8d6998c6
9aac049921871ebb65301a4619ca80ecb485a31d744223ce8ddc2394828d6a80
470c092f5ba413c3378fa6054255c6f9df4495862bbb3287681f931b687c888a
bf844dfc8fc28331e579928cd12bd2390ae123cf03818d14dedde5c0c24c8ab0
18bfca75ca096f2d531f3d1619e785f1ada437cab92e980558b3dce1474afb75
bfedbf8ff54cb2618e0244c9ac0d3c66fb51598cd2db11f9be39791abe447c63
094f7c453b7ff87cb5bb36b7c79efb0872d17058b83b15ab0866ad8a58656c5a
7e20dbdf308b2461d97c0ec0024a2715055249cf3b478ddd4740de654f75ca68
6e0d7345c69ed50cdc2a8b332b1f8824108ac937eb050585608ee734097fc090
54fbff89eeaeea791f4a7ab1f9868294a4f9e27b42af8100cb9d59cef9645803";

const V12_CT: &str = "
e387aaa58ba483afa7e8eb469778317ecf4cf573aa9d4eac23f2cdf914e4e200
a8b490e42ee646802dc6ee2b471b278195d60918ececb44bf79966f83faba049
9298ebc699c0c8634715a320bb4f075d622e74c8c932004f25b41e361025b5a8
7815391f6108fc4afa6a05d9303c6ba68a128a55705d415985832fdeaae6c8e1
9110e84d1b1f199a2692119edc96132658f09da7c623efcec712537a3d94c0bf
5d7e352ec94ae5797fdb377dc1551150721adf15bd26a8efc2fcaad56881fa9e
62462c28f30ae1ceaca93c345cf243b73f542e2074a705bd2643bb9f7cc79bb6
e7091ea6e232df0f9ad0d6cf502327876d82207abf2115cdacf6d5a48f6c1879
a65b115f0f8b3cb3c59d15dd8c769bc014795a1837f3901b5845eb491adfefe0
97b1fa30a12fc1f65ba22905031539971a10f2f36c321bb51331cdefb39e3964
c7ef079994f5b69b2edd83a71ef549971ee93f44eac3938fcdd61d01fa71799d
a3a8091c4c48aa9ed263ff0749df95d44fef6a0bb578ec69456aa5408ae32c7a
f08ad7ba8921287e3bbee31b767be06a0e705c864a769137df28292283ea81a2
480241b44d9921cdbec1bc28dc1fda114bd8e5217ac9d8ebafa720e9da4f9ace
231cc949e5b96fe76ffc21063fddc83a6b8679c00d35e09576a875305bed5f36
ed242c8900dd1fa965bc950dfce09b132263a1eef52dd6888c309f5a7d712826";

const V13_CT: &str = "
bf53d2dade78e822a4d949a9bc6766b01b06a8ef70d26748c6a7fc36d80ae4c5
520f7c4ab0ac8544424fa405162fef5a6b7f229498063618d39f0003cb5fb8d1
c86b643497da1ff945c8d3bedeca4f479702a7a735f043ddb1d6aaade3c4a0ac
7ca7f3fa5279bef56f82cd7a2f38672e824814e10700300a055e1630b8f1cb0e
919f5e942010a416e2bf48cb46993d3cb6a51c19bacf864785a00bc2ecff15d3
50875b246ed53e68be6f55bd7e05cfc2b2ed6432198a6444b6d8c247fab941f5
69768b5c429366f1d3f00f0345b96123d56204c01c63b22ce78baf116e525ed9
0fdea39fa469494d3866c31e05f295ff21fea8d4e6e13d67e47ce722e9698a1c
1048d68ebcde76b86fcf976eab8aa9790268b7068e017a8b9b749409514f1053
027fd16c3786ea1bac5f15cb79711ee2abe82f5cf8b13ae73030ef5b9e4457e7
5d1304f988d62dd6fc4b94ed38ba831da4b7634971b6cd8ec325d9c61c00f1df
73627ed3745a5e8489f3a95c69639c32cd6e1d537a85f75cc844726e8a72fc00
77ad22000f1d5078f6b866318c668f1ad03d5a5fced5219f2eabbd0aa5c0f460
d183f04404a0d6f469558e81fab24a167905ab4c7878502ad3e38fdbe62a4155
6cec37325759533ce8f25f367c87bb5578d667ae93f9e2fd99bcbc5f2fbba88c
f6516139420fcff3b7361d86322c4bd84c82f335abb152c4a93411373aaa8220";

const V14_CT: &str = "
64497e5a831e4a932c09be3e5393376daa599548b816031d224bbf50a818ed23
50eae7e96087c8a0db51ad290bd00c1ac1620857635bf246c176ab463be30b80
8da548081ac847b158e1264be25bb0910bbc92647108089415d45fab1b3d2604
e8a8eff1ae4020cfa39936b66827b23f371b92200be90251e6d73c5f86de5fd4
a950781933d79a28272b782a2ec313efdfcc0628f43d744c2dc2ff3dcb66999b
50c7ca895b0c64791eeaa5f29499fb1c026f84ce5b5c72ba1083cddb5ce45434
631665c333b60b11593fb253c5179a2c8db813782a004856a1653011e93fb6d8
76c18366dd8683f53412c0c180f9c848592d593f8609ca736317d356e13e2bff
3a9f59cd9aeb19cd482593d8c46128bb32423b37a9adfb482b99453fbe25a41b
f6feb4aa0bef5ed24bf73c762978025482c13115e4015aac992e5613a3b5c2f6
85b84795cb6e9b2656d8c88157e52c42f978d8634c43d06fea928f2822e465aa
6576e9bf419384506cc3ce3c54ac1a6f67dc66f3b30191e698380bc999b05abc
e19dc0c6dcc2dd001ec535ba18deb2df1a101023108318c75dc98611a09dc48a
0acdec676fabdf222f07e026f059b672b56e5cbc8e1d21bbd867dd9272120546
81d70ea737134cdfce93b6f82ae22423274e58a0821cc5502e2d0ab4585e94de
6975be5e0b4efce51cd3e70c25a1fbbbd609d273ad5b0d59631c531f6a0a57b9";

/// 512 bytes: 00 01 … ff, twice — the plaintext of vectors 4 and 10-14.
const PATTERN: &str = "pattern";

const K128_E: &str = "27182818284590452353602874713526";
const K128_PI: &str = "31415926535897932384626433832795";
const K256_E: &str = "2718281828459045235360287471352662497757247093699959574966967627";
const K256_PI: &str = "3141592653589793238462643383279502884197169399375105820974944592";
const K15_1: &str = "fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0";
const K15_2: &str = "bfbebdbcbbbab9b8b7b6b5b4b3b2b1b0";

/// (vector, Key1, Key2, data unit sequence number, PTX, CTX)
const IEEE1619: &[(u32, &str, &str, u128, &str, &str)] = &[
    (
        1,
        "00000000000000000000000000000000",
        "00000000000000000000000000000000",
        0,
        "0000000000000000000000000000000000000000000000000000000000000000",
        "917cf69ebd68b2ec9b9fe9a3eadda692cd43d2f59598ed858c02c2652fbf922e",
    ),
    (
        2,
        "11111111111111111111111111111111",
        "22222222222222222222222222222222",
        0x33_3333_3333,
        "4444444444444444444444444444444444444444444444444444444444444444",
        "c454185e6a16936e39334038acef838bfb186fff7480adc4289382ecd6d394f0",
    ),
    (
        3,
        "fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0",
        "22222222222222222222222222222222",
        0x33_3333_3333,
        "4444444444444444444444444444444444444444444444444444444444444444",
        "af85336b597afc1a900b2eb21ec949d292df4c047e0b21532186a5971a227a89",
    ),
    (4, K128_E, K128_PI, 0, PATTERN, V4_CT),
    (5, K128_E, K128_PI, 1, V4_CT, V5_CT),
    (6, K128_E, K128_PI, 2, V5_CT, V6_CT),
    (7, K128_E, K128_PI, 0xfd, V7_PT, V7_CT),
    (8, K128_E, K128_PI, 0xfe, V7_CT, V8_CT),
    (9, K128_E, K128_PI, 0xff, V8_CT, V9_CT),
    (10, K256_E, K256_PI, 0xff, PATTERN, V10_CT),
    (11, K256_E, K256_PI, 0xffff, PATTERN, V11_CT),
    (12, K256_E, K256_PI, 0xff_ffff, PATTERN, V12_CT),
    (13, K256_E, K256_PI, 0xffff_ffff, PATTERN, V13_CT),
    (14, K256_E, K256_PI, 0xff_ffff_ffff, PATTERN, V14_CT),
    (
        15,
        K15_1,
        K15_2,
        0x12_3456_789a,
        "000102030405060708090a0b0c0d0e0f10",
        "6c1625db4671522d3d7599601de7ca09ed",
    ),
    (
        16,
        K15_1,
        K15_2,
        0x12_3456_789a,
        "000102030405060708090a0b0c0d0e0f1011",
        "d069444b7a7e0cab09e24447d24deb1fedbf",
    ),
    (
        17,
        K15_1,
        K15_2,
        0x12_3456_789a,
        "000102030405060708090a0b0c0d0e0f101112",
        "e5df1351c0544ba1350b3363cd8ef4beedbf9d",
    ),
    (
        18,
        K15_1,
        K15_2,
        0x12_3456_789a,
        "000102030405060708090a0b0c0d0e0f10111213",
        "9d84c813f719aa2c7be3f66171c7c5c2edbf9dac",
    ),
];
/// A few records of the NIST CAVP XTS-AES files (CAVS 11.0, XTSGenAES128/256.rsp,
/// as shipped in the `cryptography_vectors` package under ciphers/AES/XTS/): the first
/// record of each [ENCRYPT]/[DECRYPT] section for every byte-aligned DataUnitLen.
/// Records with a DataUnitLen that is not a multiple of 8 bits are out of scope.
/// (file, section, COUNT, Key, tweak, PT, CT); the tweak is either `i` (hex) or
/// DataUnitSeqNumber (decimal, written little-endian into the tweak block).
const CAVP: &[(&str, &str, u32, &str, Tweak, &str, &str)] = &[
    (
        "tweak-128hexstr/XTSGenAES128.rsp",
        "ENCRYPT",
        1,
        "a1b90cba3f06ac353b2c343876081762090923026e91771815f29dab01932f2f",
        Tweak::Hex("4faef7117cda59c66e4b92013e768ad5"),
        "ebabce95b14d3c8d6fb350390790311c",
        "778ae8b43cb98d5a825081d5be471c63",
    ),
    (
        "tweak-128hexstr/XTSGenAES128.rsp",
        "ENCRYPT",
        101,
        "b7b93f516aef295eff3a29d837cf1f135347e8a21dae616ff5062b2e8d78ce5e",
        Tweak::Hex("873edea653b643bd8bcf51403197ed14"),
        "236f8a5b58dd55f6194ed70c4ac1a17f1fe60ec9a6c454d087ccb77d6b638c47",
        "22e6a3c6379dcf7599b052b5a749c7f78ad8a11b9f1aa9430cf3aef445682e19",
    ),
    (
        "tweak-128hexstr/XTSGenAES128.rsp",
        "ENCRYPT",
        301,
        "394c97881abd989d29c703e48a72b397a7acf51b59649eeea9b33274d8541df4",
        Tweak::Hex("4b15c684a152d485fe9937d39b168c29"),
        "2f3b9dcfbae729583b1d1ffdd16bb6fe2757329435662a78f0",
        "f3473802e38a3ffef4d4fb8e6aa266ebde553a64528a06463e",
    ),
    (
        "tweak-128hexstr/XTSGenAES128.rsp",
        "DECRYPT",
        1,
        "c43cd0b23798ee3db0053d1e4d185e965d67fdda8c5325cc709fc3973f05cd17",
        Tweak::Hex("7900432e6021bc0e627c7b96ca08b4d0"),
        "07f2c2d4e6db6e1200bc165d154e0698",
        "3454f7d34c0caffa12e9d2850b037fff",
    ),
    (
        "tweak-128hexstr/XTSGenAES128.rsp",
        "DECRYPT",
        101,
        "044283616dfbe755a7bf69eec18d79a0fbbd3e7a702eacc3261bc418b805e885",
        Tweak::Hex("5319fb90e136c7d025e3765432e6d413"),
        "1943901fff18170ac59c0bbbd6b72362dbb5c65057bf055389f520757ac29daf",
        "7896ce4849a603dcf01e622d6820f425e7de2485d2472105bbf5f11c5dc58ee1",
    ),
    (
        "tweak-128hexstr/XTSGenAES128.rsp",
        "DECRYPT",
        301,
        "fbef31bf8aa7546b52686be2a66019a15ea83833654901f6dc52603ae65579ea",
        Tweak::Hex("2379d5a6850ec74e7457f5a3ad43af40"),
        "9475dd02153732bb6b31e29f8da5c357658c2dad55bfe960df",
        "23d56c45e6ca04bc1fea4024f8f113fa3f634fc3e50d3305e4",
    ),
    (
        "tweak-128hexstr/XTSGenAES256.rsp",
        "ENCRYPT",
        1,
        "1ea661c58d943a0e4801e42f4b0947149e7f9f8e3e68d0c7505210bd311a0e7cd6e13ffdf2418d8d1911c004cda58da3d619b7e2b9141e58318eea392cf41b08",
        Tweak::Hex("adf8d92627464ad2f0428e84a9f87564"),
        "2eedea52cd8215e1acc647e810bbc3642e87287f8d2e57e36c0a24fbc12a202e",
        "cbaad0e2f6cea3f50b37f934d46a9b130b9d54f07e34f36af793e86f73c6d7db",
    ),
    (
        "tweak-128hexstr/XTSGenAES256.rsp",
        "ENCRYPT",
        101,
        "266c336b3b01489f3267f52835fd92f674374b88b4e1ebd2d36a5f457581d9d042c3eef7b0b7e5137b086496b4d9e6ac658d7196a23f23f036172fdb8faee527",
        Tweak::Hex("06b209a7a22f486ecbfadb0f3137ba42"),
        "ca7d65ef8d3dfad345b61ccddca1ad81de830b9e86c7b426d76cb7db766852d981c6b21409399d78f42cc0b33a7bbb06",
        "c73256870cc2f4dd57acc74b5456dbd776912a128bc1f77d72cdebbf270044b7a43ceed29025e1e8be211fa3c3ed002d",
    ),
    (
        "tweak-128hexstr/XTSGenAES256.rsp",
        "DECRYPT",
        1,
        "d6c4cf73c639e025654dd3232fe3aa7138f21bc8922271b4a6c0af999100b6b5e380ec7ec8da88e6816cd7f4f26e7ac0f86e4caac3be55234ebcd4347cda2fa5",
        Tweak::Hex("041f41fa30b78898040b5e0ecba27d2b"),
        "b8f33dd38c138daca227728e19b62c4ad5ad516ee2c3af3431097ff281956d7d",
        "d083f37a6160ac25c3229800ae0721d94bf6a9ff2f73a418544e6c787cbcd34a",
    ),
    (
        "tweak-128hexstr/XTSGenAES256.rsp",
        "DECRYPT",
        101,
        "8371c7c207b3734b90e038f6c82d8f42abdfdcc1839875d659757e6b9b788b365617d5c3c8957f2bd1ff5658c624d82ef8a0502d100955acc2bc4ea9528a6219",
        Tweak::Hex("a580895c59c23be2cd39b431187806d6"),
        "b89c6508b1f89028c4a522839c7c3a40998da9743061448d58014a379aba7b3784da77bd355c6b96fe3b6685bc0519b1",
        "bf1cc5da2215a23fe2f31baaf8c0f11b5cbb94fe0416909f7dcb7479a3faaf2bec53888f5ddfac5017551aab02cc1bd9",
    ),
    (
        "tweak-dataunitseqno/XTSGenAES128.rsp",
        "ENCRYPT",
        1,
        "a3e40d5bd4b6bbedb2d18c700ad2db2210c81190646d673cbca53f133eab373c",
        Tweak::Seq(141),
        "20e0719405993f09a66ae5bb500e562c",
        "74623551210216ac926b9650b6d3fa52",
    ),
    (
        "tweak-dataunitseqno/XTSGenAES128.rsp",
        "ENCRYPT",
        101,
        "69438582e0a61b5e7a023adf2f419630ed537ccf9a4b2e09010eaf7b66bcf818",
        Tweak::Seq(232),
        "05c2c05e812bc4295f3ef64c8bc468ee946176449edc481785e6c6d9fbdd6b8f",
        "27259ec330a66591e265525cd1eb5017ba195a390e4f66ddfb7c1a4b0fb5e49d",
    ),
    (
        "tweak-dataunitseqno/XTSGenAES128.rsp",
        "ENCRYPT",
        301,
        "fb46fb3cab7f67ad5207bc232c50dcbb24dbd1564590855d4cb777b3ba6431c3",
        Tweak::Seq(117),
        "46409f7426eb4e3d33480534b80fe6e09fed6583907eb83c84",
        "a19d9b3209d388740a581975091fe26deecbb0f117c22b0ae4",
    ),
    (
        "tweak-dataunitseqno/XTSGenAES128.rsp",
        "DECRYPT",
        1,
        "1bbfeadf539daedcae33ced497343f3ca1f2474ad932b903997d44707db41382",
        Tweak::Seq(71),
        "52a42bca4e9425a25bbc8c8bf6129dec",
        "517e602becd066b65fa4f4f56ddfe240",
    ),
    (
        "tweak-dataunitseqno/XTSGenAES128.rsp",
        "DECRYPT",
        101,
        "2bfcf75c30dc657e5a1cfdaa0cfbd07b16545b0ceee1812fff16a68b7b07729d",
        Tweak::Seq(194),
        "700771155070a6595730cc63a1c4efe10afaef372c7e7ff419fa48b30a1236db",
        "45368c7989be77b2bc446bb1353c02709a5020bd0501cad0d301255cc0353a53",
    ),
    (
        "tweak-dataunitseqno/XTSGenAES128.rsp",
        "DECRYPT",
        301,
        "d53c092c088bc8915d08219d45069d8cf650bcc155c0bb58d7c733c9b6e8611d",
        Tweak::Seq(128),
        "3bc05d88cc15a8f01862b25742e6b201185fcd17e9588c728a",
        "788351bf45631aae10a6b38c0ff22f2d197d8fce68fbb4a00d",
    ),
    (
        "tweak-dataunitseqno/XTSGenAES256.rsp",
        "ENCRYPT",
        1,
        "ef010ca1a3663e32534349bc0bae62232a1573348568fb9ef41768a7674f507a727f98755397d0e0aa32f830338cc7a926c773f09e57b357cd156afbca46e1a0",
        Tweak::Seq(187),
        "ed98e01770a853b49db9e6aaf88f0a41b9b56e91a5a2b11d40529254f5523e75",
        "ca20c55e8dc149687d2541de39c3df6300bb5a163c10ced3666b1357db8bd39d",
    ),
    (
        "tweak-dataunitseqno/XTSGenAES256.rsp",
        "ENCRYPT",
        101,
        "f6db5326ea996b16ca0d439b5a0106e3a34ed343db489faad06979009399b03b3cd9ef23332d46414216531d9885a5a30b1964523992f42748202b80a4190d45",
        Tweak::Seq(245),
        "bf6a09f93f94d6bdc8c5f5e158916c3371a540e46644f79414d84dda1339397ce90ebb768deeb88ecd2be175a396bb85",
        "b11a252c5776c439ea7baeaae7830418e574b2248cc8b524b7fd0cc8e1ecffa9812f45ae313e3e1f44127b27fb08a613",
    ),
    (
        "tweak-dataunitseqno/XTSGenAES256.rsp",
        "DECRYPT",
        1,
        "6392c0aeba7f6a217af6ff9fb2e7564796481bd4f20ecd6c60f72ed140a5f2dacddc094b3957c64e9da9e094ef838b63f5bd800a3cd35c9193cff6373979447e",
        Tweak::Seq(7),
        "af4a29ab37e9fc4d8ac179ce02392622d28bc4039d11de0ffaa832ec186b4562",
        "1ed5587b6116f6449d4be4cf6a614da0c21b018b157305e50aa38036ec90731f",
    ),
    (
        "tweak-dataunitseqno/XTSGenAES256.rsp",
        "DECRYPT",
        101,
        "80d30916dd6ae8c4d5ace125960bdaa24386b40ca1af84b270df26a6f0b5aa87d7ee30380d48f5291700317dea6a73ab7b81d395dc5437a7af53f977909e162a",
        Tweak::Seq(131),
        "868291be4ddf6e3366225c90f4ea13791514c32c35e700d3fb1ee0238ddd747ba84ae505b343dc379d2b427af586dbbc",
        "d97a069f48d53d98a20ff37dff8e12c04adf05e0d947892c5265d3853e71b0933aacba7ba7863e98175045c7bf5b95f8",
    ),
];

#[test]
fn ieee1619_annex_b() {
    for &(n, key1, key2, seq, ptx, ctx) in IEEE1619 {
        let (key1, key2, ptx, ctx) = (hex(key1), hex(key2), hex(ptx), hex(ctx));
        assert_eq!(ptx.len(), ctx.len(), "vector {n}");
        let tweak = seq.to_le_bytes();
        let check = |enc: &dyn Fn(&mut [u8]), dec: &dyn Fn(&mut [u8])| {
            let mut buf = ptx.clone();
            enc(&mut buf);
            assert_eq!(buf, ctx, "vector {n} encrypt");
            dec(&mut buf);
            assert_eq!(buf, ptx, "vector {n} decrypt");
        };
        if key1.len() == 16 {
            let xts = xts_from_halves::<Aes128>(&key1, &key2);
            check(&|b| xts.encrypt_sector(seq, b).unwrap(), &|b| {
                xts.decrypt_sector(seq, b).unwrap()
            });
            check(&|b| xts.encrypt_unit(&tweak, b).unwrap(), &|b| {
                xts.decrypt_unit(&tweak, b).unwrap()
            });
            assert_eq!(reference::<Aes128>(&key1, &key2, &tweak, &ptx, true), ctx);
        } else {
            let xts = xts_from_halves::<Aes256>(&key1, &key2);
            check(&|b| xts.encrypt_sector(seq, b).unwrap(), &|b| {
                xts.decrypt_sector(seq, b).unwrap()
            });
            check(&|b| xts.encrypt_unit(&tweak, b).unwrap(), &|b| {
                xts.decrypt_unit(&tweak, b).unwrap()
            });
            assert_eq!(reference::<Aes256>(&key1, &key2, &tweak, &ptx, true), ctx);
        }
    }
}

/// The Annex's keys given as one `Key1 || Key2` slice (all but vector 1,
/// whose two halves are equal and so refused).
#[test]
fn ieee1619_annex_b_from_slice() {
    for &(n, key1, key2, seq, ptx, ctx) in &IEEE1619[1..] {
        let key = hex(&format!("{key1}{key2}"));
        let mut buf = hex(ptx);
        match key.len() {
            32 => Xts::<Aes128>::new_from_slice(&key)
                .unwrap()
                .encrypt_sector(seq, &mut buf),
            _ => Xts::<Aes256>::new_from_slice(&key)
                .unwrap()
                .encrypt_sector(seq, &mut buf),
        }
        .unwrap();
        assert_eq!(buf, hex(ctx), "vector {n}");
    }
}

#[derive(Clone, Copy)]
enum Tweak {
    /// `i = ` — the 16-byte tweak value in hex.
    Hex(&'static str),
    /// `DataUnitSeqNumber = ` — decimal, little-endian in the tweak block.
    Seq(u128),
}

#[test]
fn nist_cavp_xts_records() {
    for &(file, section, count, key, tweak, pt, ct) in CAVP {
        let tweak = match tweak {
            Tweak::Hex(h) => hex(h),
            Tweak::Seq(n) => n.to_le_bytes().to_vec(),
        };
        let (key, pt, ct) = (hex(key), hex(pt), hex(ct));
        let what = format!("{file} [{section}] COUNT = {count}");
        let (out, expect) = match (key.len(), section) {
            (32, "ENCRYPT") => (
                Xts::<Aes128>::new_from_slice(&key)
                    .unwrap()
                    .encrypt_unit_vec(&tweak, &pt),
                &ct,
            ),
            (32, _) => (
                Xts::<Aes128>::new_from_slice(&key)
                    .unwrap()
                    .decrypt_unit_vec(&tweak, &ct),
                &pt,
            ),
            (64, "ENCRYPT") => (
                Xts::<Aes256>::new_from_slice(&key)
                    .unwrap()
                    .encrypt_unit_vec(&tweak, &pt),
                &ct,
            ),
            (64, _) => (
                Xts::<Aes256>::new_from_slice(&key)
                    .unwrap()
                    .decrypt_unit_vec(&tweak, &ct),
                &pt,
            ),
            _ => panic!("{what}: key length"),
        };
        assert_eq!(&out.unwrap(), expect, "{what}");
    }
}

// ---------------------------------------------------------------------------
// Property tests.

/// Two different keys of `n` bytes each.
fn two_keys(n: usize) -> impl Strategy<Value = (Vec<u8>, Vec<u8>)> {
    (
        proptest::collection::vec(any::<u8>(), n),
        proptest::collection::vec(any::<u8>(), n),
    )
        .prop_filter("equal keys", |(a, b)| a != b)
}

fn roundtrip_against_reference<C>(
    k1: &[u8],
    k2: &[u8],
    tweak: &[u8; 16],
    msg: &[u8],
) -> std::result::Result<(), TestCaseError>
where
    C: blockmodes::Kernels + BlockCipherDecrypt + BlockSizeUser<BlockSize = U16> + KeyInit,
{
    let xts = Xts::<C>::new_from_slice(&[k1, k2].concat()).unwrap();
    let ct = xts.encrypt_unit_vec(tweak, msg).unwrap();
    prop_assert_eq!(&ct, &reference::<C>(k1, k2, tweak, msg, true));
    prop_assert_eq!(&reference::<C>(k1, k2, tweak, &ct, false), msg);
    // In place = buffer to buffer.
    let mut inplace = msg.to_vec();
    xts.encrypt_unit(tweak, &mut inplace).unwrap();
    prop_assert_eq!(&inplace, &ct);
    let mut pt = vec![0u8; msg.len()];
    xts.decrypt_unit_b2b(tweak, &ct, &mut pt).unwrap();
    prop_assert_eq!(&pt, msg);
    xts.decrypt_unit(tweak, &mut inplace).unwrap();
    prop_assert_eq!(&inplace, msg);
    // The xts-mode crate agrees.
    let other = xts_mode::Xts128::new(
        C::new_from_slice(k1).unwrap(),
        C::new_from_slice(k2).unwrap(),
    );
    let mut theirs = msg.to_vec();
    other.encrypt_sector(&mut theirs, (*tweak).into());
    prop_assert_eq!(&theirs, &ct);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn aes128_matches_reference(
        (k1, k2) in two_keys(16),
        tweak in any::<[u8; 16]>(),
        msg in proptest::collection::vec(any::<u8>(), 16..600),
    ) {
        roundtrip_against_reference::<Aes128>(&k1, &k2, &tweak, &msg)?;
    }

    #[test]
    fn aes256_matches_reference(
        (k1, k2) in two_keys(32),
        tweak in any::<[u8; 16]>(),
        msg in proptest::collection::vec(any::<u8>(), 16..600),
    ) {
        roundtrip_against_reference::<Aes256>(&k1, &k2, &tweak, &msg)?;
    }

    #[test]
    fn camellia_matches_reference(
        (k1, k2) in two_keys(16),
        tweak in any::<[u8; 16]>(),
        msg in proptest::collection::vec(any::<u8>(), 16..600),
    ) {
        roundtrip_against_reference::<Camellia128>(&k1, &k2, &tweak, &msg)?;
    }

    /// A run of sectors is the same as one call per sector, for sector sizes
    /// with and without stealing, and runs longer than one tweak batch.
    #[test]
    fn sectors_equal_per_sector_calls(
        (k1, k2) in two_keys(16),
        first in any::<u64>(),
        sector_size in prop_oneof![Just(16usize), Just(17), Just(31), Just(32), Just(48), Just(100), Just(512), 16usize..80],
        count in 0usize..70,
    ) {
        let xts = Xts::<Aes128>::new_from_slice(&[k1.clone(), k2.clone()].concat()).unwrap();
        let first = u128::from(first);
        let msg: Vec<u8> = (0..sector_size * count).map(|i| (i * 7 + 3) as u8).collect();
        let mut expect = msg.clone();
        for (k, unit) in expect.chunks_mut(sector_size).enumerate() {
            xts.encrypt_sector(first + k as u128, unit).unwrap();
        }
        let mut run = msg.clone();
        xts.encrypt_sectors(first, sector_size, &mut run).unwrap();
        prop_assert_eq!(&run, &expect);
        let mut b2b = vec![0u8; msg.len()];
        xts.encrypt_sectors_b2b(first, sector_size, &msg, &mut b2b).unwrap();
        prop_assert_eq!(&b2b, &expect);
        // xts-mode's area call uses the same little-endian sector tweaks.
        let other = xts_mode::Xts128::new(Aes128::new_from_slice(&k1).unwrap(), Aes128::new_from_slice(&k2).unwrap());
        let mut theirs = msg.clone();
        other.encrypt_area(&mut theirs, sector_size, first, xts_mode::get_tweak_default);
        prop_assert_eq!(&theirs, &expect);
        let mut back = vec![0u8; msg.len()];
        xts.decrypt_sectors_b2b(first, sector_size, &run, &mut back).unwrap();
        prop_assert_eq!(&back, &msg);
        xts.decrypt_sectors(first, sector_size, &mut run).unwrap();
        prop_assert_eq!(&run, &msg);
    }
}

// ---------------------------------------------------------------------------
// Error paths: each is an Err, never a panic, and leaves the data unchanged.

#[test]
fn key_errors() {
    // Equal halves: refused whatever they hold.
    assert_eq!(
        Xts::<Aes128>::new_from_slice(&[0u8; 32]).err(),
        Some(Error::InvalidKeyLength)
    );
    assert_eq!(
        Xts::<Aes128>::new_from_slice(&[0x5a; 32]).err(),
        Some(Error::InvalidKeyLength)
    );
    assert_eq!(
        Xts::<Aes256>::new_from_slice(&[[7u8; 32], [7u8; 32]].concat()).err(),
        Some(Error::InvalidKeyLength)
    );
    // Halves that differ in one bit, first or last byte, are fine.
    let mut key = [0x11u8; 32];
    key[16] ^= 1;
    assert!(Xts::<Aes128>::new_from_slice(&key).is_ok());
    key[16] ^= 1;
    key[31] ^= 0x80;
    assert!(Xts::<Aes128>::new_from_slice(&key).is_ok());
    // Wrong lengths: odd, a half the cipher does not take, empty.
    for len in [0usize, 1, 16, 31, 33, 48, 64] {
        let key: Vec<u8> = (0..len as u8).collect();
        assert_eq!(
            Xts::<Aes128>::new_from_slice(&key).err(),
            Some(Error::InvalidKeyLength),
            "len {len}"
        );
    }
    for len in [32usize, 63, 65, 128] {
        let key: Vec<u8> = (0..len as u8).collect();
        assert_eq!(
            Xts::<Aes256>::new_from_slice(&key).err(),
            Some(Error::InvalidKeyLength),
            "len {len}"
        );
    }
}

fn sample() -> Xts<Aes128> {
    Xts::new_from_slice(&(0..32).collect::<Vec<u8>>()).unwrap()
}

#[test]
fn length_and_tweak_errors() {
    let xts = sample();
    let tweak = [9u8; 16];
    // Data units shorter than a block.
    for len in [0usize, 1, 15] {
        let mut buf = vec![0xab; len];
        assert_eq!(
            xts.encrypt_unit(&tweak, &mut buf),
            Err(Error::InvalidLength)
        );
        assert_eq!(
            xts.decrypt_unit(&tweak, &mut buf),
            Err(Error::InvalidLength)
        );
        assert_eq!(xts.encrypt_sector(3, &mut buf), Err(Error::InvalidLength));
        assert_eq!(xts.decrypt_sector(3, &mut buf), Err(Error::InvalidLength));
        assert_eq!(
            xts.encrypt_unit_vec(&tweak, &buf).err(),
            Some(Error::InvalidLength)
        );
        assert!(buf.iter().all(|&b| b == 0xab));
    }
    // Tweaks that are not one block.
    for len in [0usize, 8, 15, 17, 32] {
        let mut buf = [0xcd; 32];
        let bad = vec![1u8; len];
        assert_eq!(
            xts.encrypt_unit(&bad, &mut buf),
            Err(Error::InvalidIvLength)
        );
        assert_eq!(
            xts.decrypt_unit(&bad, &mut buf),
            Err(Error::InvalidIvLength)
        );
        assert_eq!(
            xts.decrypt_unit_vec(&bad, &buf).err(),
            Some(Error::InvalidIvLength)
        );
        assert_eq!(buf, [0xcd; 32]);
    }
    // Buffer to buffer with different lengths.
    let mut out = [0u8; 31];
    assert_eq!(
        xts.encrypt_unit_b2b(&tweak, &[0; 32], &mut out),
        Err(Error::OutputTooSmall)
    );
    assert_eq!(
        xts.decrypt_unit_b2b(&tweak, &[0; 30], &mut out),
        Err(Error::OutputTooSmall)
    );
    assert_eq!(out, [0; 31]);
}

#[test]
fn unit_length_limit() {
    let xts = sample();
    let max = Xts::<Aes128>::MAX_UNIT_BLOCKS * 16;
    assert_eq!(max, 1 << 24);
    let mut buf = vec![0u8; max + 1];
    assert_eq!(
        xts.encrypt_unit(&[0; 16], &mut buf),
        Err(Error::InvalidLength)
    );
    assert_eq!(xts.decrypt_sector(0, &mut buf), Err(Error::InvalidLength));
    assert!(buf.iter().all(|&b| b == 0));
    // 2^20 blocks exactly is allowed, and round-trips.
    buf.truncate(max);
    xts.encrypt_unit(&[0; 16], &mut buf).unwrap();
    xts.decrypt_unit(&[0; 16], &mut buf).unwrap();
    assert!(buf.iter().all(|&b| b == 0));
}

#[test]
fn sector_run_errors() {
    let xts = sample();
    let mut buf = vec![0x77u8; 64];
    // Not a whole number of sectors; sector size out of range.
    assert_eq!(
        xts.encrypt_sectors(0, 48, &mut buf),
        Err(Error::InvalidLength)
    );
    assert_eq!(
        xts.decrypt_sectors(0, 15, &mut buf),
        Err(Error::InvalidLength)
    );
    assert_eq!(
        xts.encrypt_sectors(0, 0, &mut buf),
        Err(Error::InvalidLength)
    );
    assert_eq!(
        xts.encrypt_sectors(0, (1 << 24) + 16, &mut buf),
        Err(Error::InvalidLength)
    );
    // The last sector number would pass u128::MAX.
    assert_eq!(
        xts.encrypt_sectors(u128::MAX, 32, &mut buf),
        Err(Error::LimitExceeded)
    );
    assert_eq!(
        xts.decrypt_sectors(u128::MAX - 2, 16, &mut buf),
        Err(Error::LimitExceeded)
    );
    // Buffer to buffer with different lengths.
    let mut out = [0u8; 32];
    assert_eq!(
        xts.encrypt_sectors_b2b(0, 16, &buf, &mut out),
        Err(Error::OutputTooSmall)
    );
    assert!(buf.iter().all(|&b| b == 0x77));
    assert_eq!(out, [0; 32]);
    // ...but the very last sector numbers work, and an empty run is fine.
    xts.encrypt_sectors(u128::MAX - 3, 16, &mut buf).unwrap();
    let mut last = [0x77u8; 16];
    xts.encrypt_sector(u128::MAX, &mut last).unwrap();
    assert_eq!(&buf[48..], &last);
    xts.encrypt_sectors(5, 512, &mut []).unwrap();
}

/// The tweak really is the sector number little-endian: sector 1 is tweak
/// 01 00 … 00, not 00 … 00 01.
#[test]
fn sector_tweak_is_little_endian() {
    let xts = sample();
    let mut a = [0u8; 32];
    let mut b = [0u8; 32];
    xts.encrypt_sector(0x0102, &mut a).unwrap();
    let mut tweak = [0u8; 16];
    tweak[0] = 0x02;
    tweak[1] = 0x01;
    xts.encrypt_unit(&tweak, &mut b).unwrap();
    assert_eq!(a, b);
}

// ---------------------------------------------------------------------------
// The bundled CAVP files through the vector runner (`blockmodes vectors`).

#[cfg(feature = "vectors")]
mod runner {
    use blockmodes::vectors::{FileReport, VectorError, bundled_dir, run_file};
    use std::path::PathBuf;
    use std::sync::atomic::{AtomicUsize, Ordering};

    const HEX128: &str = "aes/xts/tweak-128hexstr/XTSGenAES128.rsp";

    /// A copy of a bundled file with one edit, under its own name in a
    /// fresh folder (the runner tells the mode from the name).
    fn corrupted(rel: &str, from: &str, to: &str) -> PathBuf {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let src = std::fs::read_to_string(bundled_dir().join(rel)).unwrap();
        assert!(src.contains(from), "{rel}: {from}");
        let dir = std::env::temp_dir().join(format!(
            "blockmodes-xts-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(rel.rsplit('/').next().unwrap());
        std::fs::write(&path, src.replacen(from, to, 1)).unwrap();
        path
    }

    fn run_and_remove(path: PathBuf) -> Result<FileReport, VectorError> {
        let r = run_file(&path);
        if let Some(dir) = path.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
        r
    }

    #[test]
    fn bundled_xts_files_pass() {
        for rel in [
            HEX128,
            "aes/xts/tweak-128hexstr/XTSGenAES256.rsp",
            "aes/xts/tweak-dataunitseqno/XTSGenAES128.rsp",
            "aes/xts/tweak-dataunitseqno/XTSGenAES256.rsp",
        ] {
            let r = run_file(&bundled_dir().join(rel)).unwrap();
            assert_eq!((r.mode.as_str(), r.kind.as_str()), ("AES-XTS", "XTSGen"));
            assert_eq!(
                (r.cases, r.passed, r.failed),
                (1000, 1000, 0),
                "{rel}: {:?}",
                r.failures
            );
        }
    }

    #[test]
    fn corrupted_xts_records_fail() {
        // A byte-aligned record, a 130-bit record in each direction, and a
        // data unit sequence number.
        for (rel, from, to) in [
            (
                HEX128,
                "CT = 778ae8b43cb98d5a825081d5be471c63",
                "CT = 778ae8b43cb98d5a825081d5be471c62",
            ),
            (
                HEX128,
                "CT = 4a48e2cf351572e2708ca9ad05a3ee2580",
                "CT = 4a48e2cf351572e2708ca9ad05a3ee25c0",
            ),
            (
                HEX128,
                "PT = a2b04ad42351642a4a7ff2ddbfe61a59c0",
                "PT = a2b04ad42351642a4a7ff2ddbfe61a5980",
            ),
            (
                "aes/xts/tweak-dataunitseqno/XTSGenAES128.rsp",
                "DataUnitSeqNumber = 141",
                "DataUnitSeqNumber = 142",
            ),
        ] {
            let r = run_and_remove(corrupted(rel, from, to)).unwrap();
            assert_eq!((r.cases, r.failed), (1000, 1), "{from}");
            assert!(r.failures[0].contains("COUNT = "), "{:?}", r.failures);
        }
    }

    #[test]
    fn malformed_xts_records_are_errors() {
        for (from, to, what) in [
            // A bit set past DataUnitLen = 130.
            (
                "CT = 4a48e2cf351572e2708ca9ad05a3ee2580",
                "CT = 4a48e2cf351572e2708ca9ad05a3ee2581",
                "past",
            ),
            // PT shorter than DataUnitLen.
            (
                "PT = ebabce95b14d3c8d6fb350390790311c",
                "PT = ebabce95b14d3c8d6fb35039079031",
                "PT",
            ),
            // A key that is not two AES-128 keys.
            (
                "Key = a1b90cba3f06ac353b2c343876081762090923026e91771815f29dab01932f2f",
                "Key = a1b90cba3f06ac353b2c343876081762",
                "Key",
            ),
            (
                "i = 4faef7117cda59c66e4b92013e768ad5",
                "i = 4faef7117cda59c66e4b92013e768a",
                "i must",
            ),
            ("DataUnitLen = 128", "DataUnitLen = x", "DataUnitLen"),
            (
                "i = 4faef7117cda59c66e4b92013e768ad5",
                "tweak = 00",
                "DataUnitSeqNumber",
            ),
        ] {
            match run_and_remove(corrupted(HEX128, from, to)) {
                Err(VectorError::Parse { msg, .. }) => assert!(msg.contains(what), "{msg}"),
                other => panic!("{from}: {other:?}"),
            }
        }
    }
}
