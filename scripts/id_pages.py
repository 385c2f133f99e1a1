"""Bahasa Indonesia for the strings of the account, dispute and room pages (merged into translate_id.ID)."""

PAGES = {
    # accounts
    "Username": "Nama pengguna",
    "Password": "Kata sandi",
    "Full name": "Nama lengkap",
    "Letters, digits and @ . + - _ only.": "Hanya huruf, angka, dan @ . + - _.",
    "At least 8 characters; not only digits and not a common password.":
        "Paling sedikit 8 karakter; tidak hanya angka dan bukan kata sandi yang umum.",
    "E-mail": "Surel",
    "Phone number": "Nomor telepon",
    "NIK (identity card number)": "NIK (nomor KTP)",
    "The 16 digits on your KTP.": "16 angka yang tertera pada KTP Anda.",
    "Company name": "Nama perusahaan",
    "NIB (business identification number)": "NIB (Nomor Induk Berusaha)",
    "13 digits, from OSS.": "13 angka, dari OSS.",
    "Company address": "Alamat perusahaan",
    "Regency or city of the company": "Kabupaten/kota perusahaan",
    "Choose…": "Pilih…",
    "Too many attempts from this address; try again in %(s)s seconds.":
        "Terlalu banyak percobaan dari alamat ini; coba lagi dalam %(s)s detik.",
    "%(name)s is verified.": "%(name)s telah diverifikasi.",
    "Please correct the fields marked below.": "Perbaiki isian yang ditandai di bawah.",
    # base and home
    "Skip to content": "Langsung ke isi",
    "Main": "Menu utama",
    "Home": "Beranda",
    "File a dispute": "Ajukan perselisihan",
    "Consultations": "Konsultasi",
    "Guide": "Panduan",
    "Severance": "Pesangon",
    "Sign out": "Keluar",
    "Sign in": "Masuk",
    "Register": "Daftar",
    "Language": "Bahasa",
    "Change": "Ganti",
    "SIKHI: online settlement of industrial-relations disputes (UU 2/2004).":
        "SIKHI: penyelesaian perselisihan hubungan industrial secara daring (UU 2/2004).",
    "Check a document": "Periksa keaslian dokumen",
    "Online industrial-relations dispute settlement": "Penyelesaian perselisihan hubungan industrial daring",
    "Settle a workplace dispute without travelling to an office":
        "Selesaikan perselisihan kerja tanpa harus datang ke kantor",
    "SIKHI is the online service of the Disnaker offices of Jawa Barat for industrial-relations disputes. A worker "
    "files a complaint, the company is invited to negotiate, and if that fails a government mediator helps both sides "
    "in online sessions until they sign an agreement or the mediator gives a written recommendation.":
        "SIKHI adalah layanan daring Dinas Tenaga Kerja se-Jawa Barat untuk perselisihan hubungan industrial. "
        "Pekerja mengajukan pengaduan, perusahaan diundang berunding, dan bila gagal, mediator pemerintah membantu "
        "kedua pihak dalam sidang daring sampai mereka menandatangani perjanjian bersama atau mediator mengeluarkan "
        "anjuran tertulis.",
    "Go to my home page": "Ke beranda saya",
    "Register as a worker": "Daftar sebagai pekerja",
    "Register as a company": "Daftar sebagai perusahaan",
    "How the process goes": "Cara proses berjalan",
    "Every step has a time limit in working days (Monday to Friday, without public holidays and cuti bersama).":
        "Setiap tahap memiliki batas waktu dalam hari kerja (Senin sampai Jumat, di luar hari libur nasional dan "
        "cuti bersama).",
    "30 working days": "30 hari kerja",
    "7 working days": "7 hari kerja",
    "10 working days to answer": "10 hari kerja untuk menjawab",
    "Bipartite negotiation": "Perundingan bipartit",
    "The worker and the company negotiate directly, in SIKHI's bipartite room. The company has 7 working days to "
    "answer the invitation.":
        "Pekerja dan perusahaan berunding langsung di ruang bipartit SIKHI. Perusahaan mempunyai 7 hari kerja untuk "
        "menjawab undangan.",
    "Registration at the Disnaker office": "Pencatatan di Dinas Tenaga Kerja",
    "If negotiation fails, either party registers the case; an officer checks that the file is complete.":
        "Bila perundingan gagal, salah satu pihak mencatatkan perselisihan; petugas memeriksa kelengkapan berkas.",
    "Choice of route": "Pilihan cara penyelesaian",
    "The parties may choose conciliation or arbitration; otherwise the case goes to mediation.":
        "Para pihak dapat memilih konsiliasi atau arbitrase; bila tidak, perkara dilanjutkan ke mediasi.",
    "Mediation": "Mediasi",
    "A mediator summons both parties to online sessions, with a joint room and a private room for each side.":
        "Mediator memanggil kedua pihak ke sidang daring, dengan ruang bersama dan ruang tertutup untuk "
        "masing-masing pihak.",
    "Agreement or recommendation": "Perjanjian bersama atau anjuran",
    "The parties sign a Perjanjian Bersama, or the mediator issues a written recommendation (anjuran) that each "
    "party accepts or rejects.":
        "Para pihak menandatangani Perjanjian Bersama, atau mediator mengeluarkan anjuran tertulis yang diterima "
        "atau ditolak oleh masing-masing pihak.",
    "Industrial relations court": "Pengadilan Hubungan Industrial",
    "If the recommendation is rejected, either party may take the case to the Pengadilan Hubungan Industrial with "
    "the settlement minutes.":
        "Bila anjuran ditolak, salah satu pihak dapat mengajukan gugatan ke Pengadilan Hubungan Industrial dengan "
        "melampirkan risalah penyelesaian.",
    "Read the guide": "Baca panduan",
    "Calculate severance pay": "Hitung pesangon",
    # sign in and register
    "Register a company": "Daftarkan perusahaan",
    "You were invited to bipartite negotiation. Register your company to answer the invitation; if your company "
    "already has an account, sign in instead.":
        "Anda diundang ke perundingan bipartit. Daftarkan perusahaan Anda untuk menjawab undangan; bila perusahaan "
        "Anda sudah memiliki akun, silakan masuk.",
    "Sign in to answer": "Masuk untuk menjawab",
    "Account type": "Jenis akun",
    "A company account can act once an officer of the company's Disnaker office has verified it.":
        "Perusahaan diverifikasi oleh petugas Dinas Tenaga Kerja di wilayah perusahaan; sebelum itu pekerja belum "
        "dapat menemukannya melalui NIB.",
    "Create account": "Buat akun",
    "Already registered?": "Sudah terdaftar?",
    "No account yet?": "Belum punya akun?",
    "optional": "tidak wajib",
    # dispute forms
    "Your rights under the law, your contract or the company regulation were not given: unpaid wages or overtime, "
    "BPJS not paid, leave refused.":
        "Hak Anda menurut undang-undang, perjanjian kerja atau peraturan perusahaan tidak diberikan: upah atau "
        "lembur tidak dibayar, BPJS tidak dibayarkan, cuti ditolak.",
    "You disagree about new or changed working conditions: a new wage scale, new rules in the collective agreement.":
        "Anda tidak sepakat tentang syarat kerja yang baru atau diubah: skala upah baru, aturan baru dalam "
        "perjanjian kerja bersama.",
    "You were dismissed, or the company plans to dismiss you, and you disagree with it or with the severance.":
        "Anda diberhentikan, atau perusahaan berencana memberhentikan Anda, dan Anda tidak setuju dengan PHK itu "
        "atau dengan pesangonnya.",
    "A dispute between trade unions in one company about membership or rights.":
        "Perselisihan antara serikat pekerja dalam satu perusahaan tentang keanggotaan atau hak.",
    "Several regencies in Jawa Barat": "Beberapa kabupaten/kota di Jawa Barat",
    "How do you want to name the company?": "Bagaimana Anda menyebut perusahaannya?",
    "By its NIB (the company is on SIKHI)": "Dengan NIB-nya (perusahaan sudah terdaftar di SIKHI)",
    "By name and e-mail address (we invite it)": "Dengan nama dan alamat surel (kami yang mengundangnya)",
    "The company's NIB": "NIB perusahaan",
    "The company's e-mail address": "Alamat surel perusahaan",
    "The invitation to negotiate is sent to this address.": "Undangan berunding dikirim ke alamat ini.",
    "Where do you work?": "Di mana tempat kerja Anda?",
    "What is the dispute about?": "Tentang apa perselisihan ini?",
    "Summary in one or two sentences": "Ringkasan dalam satu atau dua kalimat",
    "What happened, in order": "Kronologi kejadian, berurutan",
    "Dates, who said or did what. You can save and continue later.":
        "Tanggal, siapa berkata atau berbuat apa. Anda dapat menyimpan dan melanjutkan nanti.",
    "What do you ask for?": "Apa tuntutan Anda?",
    "For example: pay the overtime of March to May, or reinstate me.":
        "Misalnya: bayar lembur bulan Maret sampai Mei, atau pekerjakan saya kembali.",
    "What is this document?": "Dokumen apa ini?",
    "File (PDF, JPEG or PNG, at most 10 MB)": "Berkas (PDF, JPEG atau PNG, paling besar 10 MB)",
    "Reason": "Alasan",
    "Terms of the agreement": "Isi kesepakatan",
    "Missing items, one per line": "Kekurangan berkas, satu per baris",
    "Note to the officer": "Catatan untuk petugas",
    "Route": "Cara penyelesaian",
    "Considerations": "Pertimbangan",
    "Recommendation (anjuran)": "Anjuran",
    "Your answer": "Jawaban Anda",
    "I accept the recommendation": "Saya menerima anjuran",
    "I reject the recommendation": "Saya menolak anjuran",
    "Mediation by a Disnaker mediator": "Mediasi oleh mediator Dinas Tenaga Kerja",
    "%(name)s (%(n)s open cases)": "%(name)s (%(n)s perkara berjalan)",
    # labels
    "the worker": "pekerja",
    "the company": "perusahaan",
    "the Disnaker officer": "petugas Dinas Tenaga Kerja",
    "the mediator": "mediator",
    "the signatories": "para penanda tangan",
    "Submit the dispute": "Ajukan perselisihan",
    "Accept the invitation to negotiate": "Terima undangan berunding",
    "Decline the invitation": "Tolak undangan",
    "Propose an agreement": "Usulkan kesepakatan",
    "Declare that negotiation failed": "Nyatakan perundingan gagal",
    "Register the case at the Disnaker office": "Catatkan perselisihan di Dinas Tenaga Kerja",
    "Return the registration as incomplete": "Kembalikan pencatatan karena belum lengkap",
    "Resubmit the registration": "Ajukan kembali pencatatan",
    "Accept the registration": "Terima pencatatan",
    "Choose the settlement route": "Pilih cara penyelesaian",
    "Delegate to a mediator": "Limpahkan ke mediator",
    "Record the agreement reached": "Catat kesepakatan yang dicapai",
    "Issue the written recommendation": "Keluarkan anjuran tertulis",
    "Answer the recommendation": "Jawab anjuran",
    "Sign the agreement": "Tanda tangani perjanjian",
    "Reject the agreement": "Tolak perjanjian",
    "Strike the case off": "Coret perkara dari buku register",
    "Withdraw the dispute": "Cabut perselisihan",
    "Draft started": "Draf dibuat",
    "Dispute submitted; the company was invited": "Perselisihan diajukan; perusahaan diundang",
    "The company accepted bipartite negotiation": "Perusahaan menerima perundingan bipartit",
    "The company declined bipartite negotiation": "Perusahaan menolak perundingan bipartit",
    "The invitation went unanswered": "Undangan tidak dijawab",
    "The bipartite period ended": "Masa perundingan bipartit berakhir",
    "No route chosen: mediation by default": "Tidak ada pilihan: dilanjutkan dengan mediasi",
    "The answer period of the recommendation ended": "Masa menjawab anjuran berakhir",
    "The company joined through the invitation": "Perusahaan bergabung melalui undangan",
    "Summons acknowledged": "Panggilan dikonfirmasi diterima",
    "Session scheduled": "Sidang dijadwalkan",
    "Attendance recorded": "Kehadiran dicatat",
    "Bipartite meeting recorded": "Risalah perundingan bipartit dicatat",
    "Bipartite minutes signed": "Risalah bipartit ditandatangani",
    "Evidence added": "Bukti ditambahkan",
    "Mediator re-assigned": "Mediator diganti",
    "Court registration recorded": "Pendaftaran di pengadilan dicatat",
    "Company's answer to the invitation": "Jawaban perusahaan atas undangan",
    "Completeness check of the registration": "Pemeriksaan kelengkapan pencatatan",
    "Choice of settlement route": "Pemilihan cara penyelesaian",
    "First mediation session": "Sidang mediasi pertama",
    "Issue of the recommendation": "Penerbitan anjuran",
    "Answer to the recommendation": "Jawaban atas anjuran",
    "Signing the agreement": "Penandatanganan perjanjian",
    # wizard and dispute page
    "Type": "Jenis",
    "What happened": "Kronologi",
    "Demands": "Tuntutan",
    "Evidence": "Bukti",
    "Review": "Periksa",
    "This dispute has been submitted; it can no longer be edited.":
        "Perselisihan ini sudah diajukan; isinya tidak dapat diubah lagi.",
    "Saved. You can continue later from your home page.": "Tersimpan. Anda dapat melanjutkan nanti dari beranda.",
    "The file was added.": "Berkas ditambahkan.",
    "SIKHI (automatic)": "SIKHI (otomatis)",
    "Done: %(action)s.": "Selesai: %(action)s.",
    "This action is not possible now.": "Tindakan ini tidak dapat dilakukan sekarang.",
    "The dispute is now linked to your company. Answer the invitation below.":
        "Perselisihan kini terhubung dengan perusahaan Anda. Jawab undangannya di bawah.",
    "Your turn to act.": "Giliran Anda bertindak.",
    "Next to act: %(who)s.": "Yang harus bertindak berikutnya: %(who)s.",
    "overdue": "lewat waktu",
    "due today": "batas hari ini",
    "%(n)s working day left": "sisa %(n)s hari kerja",
    "due": "batas",
    "The office returned the registration. Missing:": "Dinas mengembalikan pencatatan. Yang kurang:",
    "What you can do now": "Yang dapat Anda lakukan sekarang",
    "Continue the draft": "Lanjutkan draf",
    "Nothing is asked of you at this stage.": "Tidak ada yang perlu Anda lakukan pada tahap ini.",
    "On this page": "Di halaman ini",
    "The complaint": "Pengaduan",
    "Rooms": "Ruang",
    "Deadlines": "Tenggat",
    "None yet.": "Belum ada.",
    "Documents": "Dokumen",
    "Download the court bundle (ZIP)": "Unduh berkas untuk pengadilan (ZIP)",
    "None.": "Tidak ada.",
    "Timeline": "Riwayat",
    "Company home": "Beranda perusahaan",
    "Your company is waiting for verification by the Disnaker office of its regency.":
        "Perusahaan Anda menunggu verifikasi oleh Dinas Tenaga Kerja di wilayahnya.",
    "Invitations waiting for your answer": "Undangan yang menunggu jawaban Anda",
    "No invitation is waiting.": "Tidak ada undangan yang menunggu.",
    "Disputes": "Perselisihan",
    "No dispute names your company.": "Tidak ada perselisihan yang menyebut perusahaan Anda.",
    "My cases": "Perkara saya",
    "Hello, %(name)s": "Halo, %(name)s",
    "My sessions this week": "Sidang saya minggu ini",
    "Open the session console": "Buka ruang sidang",
    "No session this week.": "Tidak ada sidang minggu ini.",
    "Office desk": "Meja kantor",
    "Statistics and register": "Statistik dan buku registrasi",
    "Companies to verify": "Perusahaan yang perlu diverifikasi",
    "Registered": "Terdaftar",
    "Verify": "Verifikasi",
    "Registrations to check": "Pencatatan yang perlu diperiksa",
    "Disputes to delegate to a mediator": "Perselisihan yang perlu dilimpahkan ke mediator",
    "Mediators' current load": "Beban kerja mediator saat ini",
    "Open cases": "Perkara berjalan",
    "Overdue deadlines": "Tenggat yang terlewati",
    "All disputes of the office": "Semua perselisihan di kantor ini",
    "My disputes": "Perselisihan saya",
    "Ask the Disnaker office": "Bertanya ke Dinas Tenaga Kerja",
    "You have not filed a dispute yet.": "Anda belum mengajukan perselisihan.",
    "Invitation to bipartite negotiation": "Undangan perundingan bipartit",
    "Dispute %(number)s names your company. Link it to your company's account to read it and answer the invitation.":
        "Perselisihan %(number)s menyebut perusahaan Anda. Hubungkan dengan akun perusahaan Anda untuk membacanya "
        "dan menjawab undangan.",
    "Link to my company and open the dispute": "Hubungkan ke perusahaan saya dan buka perselisihan",
    "Only a company account can answer an invitation.": "Hanya akun perusahaan yang dapat menjawab undangan.",
    "draft": "draf",
    "Steps": "Langkah",
    "You have a draft that is not submitted yet:": "Anda memiliki draf yang belum diajukan:",
    "Add documents that support your case: employment contract, pay slips, letters, photos. PDF, JPEG or PNG, at "
    "most 10 MB each.":
        "Tambahkan dokumen pendukung: perjanjian kerja, slip gaji, surat, foto. PDF, JPEG atau PNG, paling besar "
        "10 MB per berkas.",
    "No file yet.": "Belum ada berkas.",
    "The upload failed: check your connection and try again.": "Unggahan gagal: periksa koneksi Anda dan coba lagi.",
    "Upload progress": "Kemajuan unggahan",
    "Upload": "Unggah",
    "Continue": "Lanjut",
    "Review and submit": "Periksa dan ajukan",
    "change": "ubah",
    "Complete the summary, what happened and your demands before submitting.":
        "Lengkapi ringkasan, kronologi dan tuntutan Anda sebelum mengajukan.",
    "When you submit, the company is invited to bipartite negotiation and has 7 working days to answer. The filing "
    "can no longer be changed.":
        "Setelah Anda ajukan, perusahaan diundang ke perundingan bipartit dan mempunyai 7 hari kerja untuk "
        "menjawab. Isi pengaduan tidak dapat diubah lagi.",
    "Your draft is saved on SIKHI at every step; only you can see it until you submit it.":
        "Draf Anda tersimpan di SIKHI pada setiap langkah; hanya Anda yang dapat melihatnya sampai diajukan.",
    "Save and continue": "Simpan dan lanjutkan",
    "Save": "Simpan",
    "Monthly wage (rupiah)": "Upah sebulan (rupiah)",
    "Basic wage plus fixed allowances. For a termination dispute: used to calculate severance.":
        "Upah pokok ditambah tunjangan tetap. Untuk perselisihan PHK: dipakai untuk menghitung pesangon.",
    "First day of work": "Hari pertama bekerja",
    "Last day of work": "Hari terakhir bekerja",
    "For a termination dispute: the day the employment ended or ends.":
        "Untuk perselisihan PHK: tanggal hubungan kerja berakhir atau akan berakhir.",
    "Must not be before the first day of work.": "Tidak boleh sebelum hari pertama bekerja.",
    "Calculate the statutory severance for this dispute": "Hitung pesangon minimum menurut peraturan untuk perkara ini",
    # rooms
    "Connected": "Tersambung",
    "Connecting…": "Menyambungkan…",
    "Connection lost: reconnecting… Your messages are kept and sent when it is back.":
        "Koneksi terputus: menyambung ulang… Pesan Anda disimpan dan dikirim setelah tersambung kembali.",
    "sending…": "mengirim…",
    "not sent": "tidak terkirim",
    "is typing…": "sedang mengetik…",
    "read": "dibaca",
    "The mediator has paused this room.": "Mediator menjeda ruang ini.",
    "This room is read-only at this stage.": "Ruang ini hanya dapat dibaca pada tahap ini.",
    "You no longer have access to this room.": "Anda tidak lagi memiliki akses ke ruang ini.",
    "nobody else": "tidak ada yang lain",
    "Load older messages": "Muat pesan sebelumnya",
    "Online:": "Daring:",
    "Messages": "Pesan",
    "Message": "Pesan",
    "Write a message": "Tulis pesan",
    "Send": "Kirim",
}

PAGE_PLURALS = {
    "%(n)s working day left": ["sisa %(n)s hari kerja"],
}
